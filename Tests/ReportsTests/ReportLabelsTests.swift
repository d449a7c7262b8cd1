import DeskCore
import Testing
@testable import Reports

@Suite struct ReportLabelsTests {
    @Test(arguments: Language.allCases)
    func everyLanguageHasEveryLabel(_ language: Language) {
        let labels = ReportLabels.labels(for: language)
        #expect(labels.language == language)
        #expect(labels.missingTexts.isEmpty)
        #expect(labels.rights.count == Right.allCases.count)
        #expect(Set(labels.outcomes.keys) == Set(MonthlyReport.Closed.outcomes.map(\.rawValue)))
        #expect(Set(labels.grounds.keys) == Set(MonthlyReport.refusalGrounds))
        #expect(Set(labels.channels.keys) == Set(Channel.allCases.map(\.rawValue)))
        #expect(Set(labels.languages.keys) == Set(Language.allCases.map(\.rawValue)))
    }

    @Test func uzbekLatinUsesTheRightApostrophes() {
        let uz = ReportLabels.uzbekLatin
        var all = ReportText.allCases.map { uz[$0] }
        all += Right.allCases.map { uz.name(of: $0) }
        all += Array(uz.outcomes.values) + Array(uz.grounds.values) + Array(uz.channels.values) + Array(uz.languages.values)
        for text in all {
            #expect(!text.contains(where: { "'‘’`".contains($0) }), "\(text)")
        }
        #expect(uz.name(of: .erasure) == "O\u{02BB}chirish")
        #expect(uz.name(of: .access) == "Ma\u{02BC}lumotlar bilan tanishish", "the subject acquaints themselves with the data; \"foydalanish\" is the operator's use")
    }

    @Test func unknownCodesShowAsThemselves() {
        #expect(ReportLabels.russian.groundName("company_secret") == "company_secret")
        #expect(ReportLabels.russian.groundName("excessive") == "Чрезмерный запрос")
    }
}
