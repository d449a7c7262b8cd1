import DeskCore
import Foundation
import Testing
@testable import Reports

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Counts elements and records the first error of an XML parse.
private final class XMLCheck: NSObject, XMLParserDelegate {
    var elementNames: [String] = []
    var error: (any Error)?
    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        elementNames.append(elementName)
    }
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) { error = parseError }
}

private func parseXML(_ text: String) -> XMLCheck {
    let check = XMLCheck()
    let parser = XMLParser(data: Data(text.utf8))
    parser.delegate = check
    let ok = parser.parse()
    if !ok, check.error == nil { check.error = parser.parserError ?? PythonFailure(message: "XML parse failed") }
    return check
}

private func occurrences(of needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
}

@Suite struct RenderingTests {
    static let languages = Language.allCases

    @Test(arguments: languages)
    func everyFormatRendersInEveryLanguage(_ language: Language) throws {
        for report in [try SampleReport.make(), try MonthlyReport.empty(month: "2026-10", generatedAt: Date(timeIntervalSince1970: 1_793_000_000))] {
            for format in ReportFormat.allCases {
                let text = try report.rendered(as: format, language: language)
                #expect(!text.isEmpty)
                #expect(text.contains("2026-10"), "\(format) lacks the month")
            }
        }
    }

    @Test(arguments: languages)
    func htmlIsWellFormedSelfContainedAndHasTwoCharts(_ language: Language) throws {
        for report in [try SampleReport.make(), try MonthlyReport.empty(month: "2026-10", generatedAt: Date(timeIntervalSince1970: 1_793_000_000))] {
            let html = HTMLReportRenderer(labels: .labels(for: language)).render(report)
            let check = parseXML(html)
            #expect(check.error == nil, "\(String(describing: check.error))")
            #expect(check.elementNames.first == "html")
            #expect(check.elementNames.filter { $0 == "svg" }.count == 2)
            #expect(occurrences(of: "<svg", in: html) == 2)
            #expect(!html.lowercased().contains("<script"))
            #expect(!html.contains("http://"))
            #expect(!html.contains("https://"))
            #expect(!html.contains("<link"))
            #expect(html.contains("@page { size: A4; margin: 15mm }"))
            #expect(html.contains("lang=\"\(language.rawValue)\""))
        }
    }

    @Test func htmlParsesWithPythonElementTree() throws {
        let html = HTMLReportRenderer(labels: .uzbekLatin).render(try SampleReport.make())
        let output = try runPython("""
        import sys, xml.etree.ElementTree as ET
        root = ET.fromstring(sys.stdin.buffer.read())
        print(root.tag, len(root.findall('.//svg')))
        """, input: html)
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "html 2")
    }

    @Test func htmlEscapesEveryString() throws {
        var report = try SampleReport.make()
        report.policy = "<b>x</b> & \"y\""
        report.backlog.overdue[0].assignee = "<script>alert(1)</script>"
        report.erasures[0].system = "CRM\u{0001}\u{0008}"
        let html = HTMLReportRenderer(labels: .english).render(report)
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;"))
        #expect(html.contains("Backups &lt;tape&gt; &amp; archive; &#39;old&#39; system"))
        #expect(parseXML(html).error == nil)
    }

    @Test func htmlShowsDashForMissingRates() throws {
        let html = HTMLReportRenderer(labels: .russian).render(try MonthlyReport.empty(month: "2026-10", generatedAt: Date(timeIntervalSince1970: 1_793_000_000)))
        #expect(html.contains(">—<"))
        #expect(!html.contains("nan"))
        #expect(!html.contains("NaN"))
        #expect(!html.contains("inf"))
    }

    @Test func figuresAreTheSameInEveryLanguage() throws {
        let report = try SampleReport.make()
        func digits(_ text: String) -> [String] {
            text.split(whereSeparator: { !($0.isNumber || $0 == "." || $0 == "%") }).map(String.init)
        }
        let english = MarkdownReportRenderer(labels: .english).render(report)
        for language in [Language.russian, .uzbekLatin, .uzbekCyrillic] {
            let other = MarkdownReportRenderer(labels: .labels(for: language)).render(report)
            // Labels such as "90th percentile" carry digits; compare the tables' cells only.
            func figures(_ text: String) -> [String] {
                text.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.contains("---") }
                    .flatMap { $0.split(separator: "|").dropFirst().map { digits(String($0)) } }
                    .flatMap { $0 }.filter { $0 != "90" && $0 != "12" }
            }
            #expect(figures(other) == figures(english), "\(language)")
        }
    }

    @Test func markdownHasHeadingsAndTables() throws {
        let markdown = MarkdownReportRenderer(labels: .english).render(try SampleReport.make())
        #expect(markdown.hasPrefix("# Monthly compliance report — 2026-10\n"))
        #expect(markdown.contains("## Requests received: 27\n"))
        #expect(markdown.contains("| Access | 12 |"))
        #expect(markdown.contains("| Right | Closed | On time | On-time rate |\n| --- | ---: | ---: | ---: |"))
        #expect(markdown.contains("| **All rights** | 21 | 19 | 90.5% |"))
        // A reason with quotes, a comma and a newline stays in one cell.
        #expect(markdown.contains("| DSAR-2026-000120 | Access | 5wd | He said \"wait\", then left<br>later |"))
        #expect(markdown.contains("| DSAR-2026-000095 | Access | 2026-10-28 | 3 | unassigned |"))
    }

    @Test func markdownOfAnEmptyMonth() throws {
        let markdown = MarkdownReportRenderer(labels: .uzbekLatin).render(try MonthlyReport.empty(month: "2026-10", generatedAt: Date(timeIntervalSince1970: 1_793_000_000)))
        #expect(markdown.contains("_Bu oyda yoʻq._"))
        #expect(markdown.contains("| 2026-10 | 0 | 0 | — |"))
    }

    @Test func csvParsesWithPythonAndRoundTripsTrickyText() throws {
        let report = try SampleReport.make()
        let csv = CSVReportRenderer().render(report)
        let records = try parseCSVWithPython(csv)
        #expect(records.first == ["section", "key", "subkey", "value"])
        let expectedCount = 1 + 4 + 1 + 6 + 5 + 4 + 2 + 1 + 5 + 6 + 3 + 3 * 6
            + 5 * report.onTime.late.count + 3 * 7 + 4 * report.extensions.count + 2
            + report.refusalsByGround.count + 1 + 3 * report.erasures.count
            + 1 + 3 * report.recipientNotifications.items.count + 1 + 4
            + 5 * report.backlog.overdue.count + 3 * 12
        #expect(records.count == expectedCount)
        #expect(records.dropFirst().elementsEqual(CSVReportRenderer().rows(report)))
        #expect(records.allSatisfy { $0.count == 4 })
        #expect(records.contains(["extensions", "1", "reason", SampleReport.trickyReason]))
        #expect(records.contains(["erasures", "2", "system", "Mail, archive"]))
        #expect(records.contains(["on_time", "all", "rate", "0.9048"]))
        #expect(records.contains(["trend", "2026-02", "on_time_rate", ""]))
        #expect(records.contains(["overdue", "2", "assignee", ""]))
    }

    @Test func csvOfAnEmptyMonth() throws {
        let csv = CSVReportRenderer().render(try MonthlyReport.empty(month: "2026-10", generatedAt: Date(timeIntervalSince1970: 1_793_000_000)))
        let records = try parseCSVWithPython(csv)
        #expect(records.contains(["on_time", "all", "rate", ""]))
        #expect(records.contains(["received", "total", "", "0"]))
        #expect(records.filter { $0[0] == "trend" }.count == 36)
    }

    @Test func csvNeutralisesFormulas() {
        #expect(CSV.text("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")")
        #expect(CSV.text("@sum") == "'@sum")
        #expect(CSV.text("DSAR-1") == "DSAR-1")
        #expect(CSV.record(["a,b", "c\"d", "e\nf", "g"]) == "\"a,b\",\"c\"\"d\",\"e\nf\",g\r\n")
    }
}
