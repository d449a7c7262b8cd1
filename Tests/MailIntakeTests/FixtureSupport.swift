import Foundation
import Testing
@testable import MailIntake

/// Where the fixtures are and what each is expected to become.
enum FixtureSupport {
    struct Expectation: Decodable {
        let language: String?
        let rights: [String]
        let status: String
        let reference: String?
        var consentWithdrawal: Bool?
        var directMarketing: Bool?
        var subject: String?
        var attachments: Int?
        var warnings: Bool?
        var mojibake: Bool?
        var noDate: Bool?
        var duplicateOf: String?
    }

    static var directory: URL? {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)
    }

    static func path(_ name: String) -> String {
        (directory?.appendingPathComponent(name).path) ?? name
    }

    static func bytes(_ name: String) -> [UInt8] {
        Array(FileManager.default.contents(atPath: path(name)) ?? Data())
    }

    static func expectations() throws -> [(String, Expectation)] {
        let data = try #require(FileManager.default.contents(atPath: path("expected.json")))
        let table = try JSONDecoder().decode([String: Expectation].self, from: data)
        return table.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    static func parse(_ name: String) throws -> ParsedMessage {
        try MIMEParser.parse(bytes(name))
    }

    /// A message from header lines and a body, joined with LF.
    static func message(_ headers: [String], _ body: String) -> [UInt8] {
        Array((headers.joined(separator: "\n") + "\n\n" + body).utf8)
    }
}
