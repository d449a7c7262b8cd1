import DeskCore
import Foundation
import Testing
@testable import MailIntake

/// Runs every fixture of expected.json through the whole intake and measures accuracy.
@Suite struct FixtureAccuracyTests {
    @Test func fixturesMeetTheAccuracyBar() throws {
        let expectations = try FixtureSupport.expectations()
        #expect(expectations.count >= 60)
        let classifier = RightClassifier()
        var primaryTotal = 0, primaryCorrect = 0
        var statusCorrect = 0, languageTotal = 0, languageCorrect = 0, fullRightsCorrect = 0
        var failures: [String] = []
        for (name, expected) in expectations {
            let assessment = IntakeAssessment.assess(FixtureSupport.bytes(name), classifier: classifier)
            let rights = assessment.classification?.rights.map(\.rawValue) ?? []
            if assessment.status.rawValue == expected.status { statusCorrect += 1 }
            else { failures.append("\(name): status \(assessment.status.rawValue), expected \(expected.status)") }
            if expected.status == "new", let primary = expected.rights.first {
                primaryTotal += 1
                if rights.first == primary { primaryCorrect += 1 }
                else { failures.append("\(name): rights \(rights), expected \(expected.rights)") }
                if rights == expected.rights { fullRightsCorrect += 1 }
            }
            if let language = expected.language {
                languageTotal += 1
                let found = assessment.classification?.language?.rawValue
                if found == language { languageCorrect += 1 }
                else { failures.append("\(name): language \(found ?? "nil"), expected \(language)") }
            }
            if let reference = expected.reference, assessment.reference != reference {
                failures.append("\(name): reference \(assessment.reference ?? "nil"), expected \(reference)")
            }
            if expected.consentWithdrawal == true, assessment.classification?.consentWithdrawal != true {
                failures.append("\(name): consent withdrawal not flagged")
            }
            if expected.directMarketing == true, assessment.classification?.directMarketing != true {
                failures.append("\(name): direct marketing not flagged")
            }
            if let subject = expected.subject, assessment.message?.subject != subject {
                failures.append("\(name): subject \(assessment.message?.subject ?? "nil")")
            }
            if let count = expected.attachments, assessment.message?.attachments.count != count {
                failures.append("\(name): attachments \(assessment.message?.attachments.count ?? -1), expected \(count)")
            }
        }
        let primaryAccuracy = Double(primaryCorrect) / Double(max(primaryTotal, 1))
        let statusAccuracy = Double(statusCorrect) / Double(max(expectations.count, 1))
        let languageAccuracy = Double(languageCorrect) / Double(max(languageTotal, 1))
        print("MailIntake fixtures: \(expectations.count) messages; primary right \(primaryCorrect)/\(primaryTotal) "
              + "(\(Int(primaryAccuracy * 100))%), all rights \(fullRightsCorrect)/\(primaryTotal), status \(statusCorrect)/\(expectations.count) "
              + "(\(Int(statusAccuracy * 100))%), language \(languageCorrect)/\(languageTotal) (\(Int(languageAccuracy * 100))%)")
        for failure in failures { print("  miss: \(failure)") }
        #expect(primaryAccuracy >= 0.95)
        #expect(statusAccuracy >= 0.95)
        #expect(languageAccuracy >= 0.90)
    }

    @Test func everyRightInEveryLanguageIsCovered() throws {
        var covered: Set<String> = []
        for (_, expected) in try FixtureSupport.expectations() where expected.status == "new" {
            if let language = expected.language, let primary = expected.rights.first { covered.insert("\(language)/\(primary)") }
        }
        for language in Language.allCases {
            for right in Right.allCases {
                #expect(covered.contains("\(language.rawValue)/\(right.rawValue)"), "no fixture for \(language) \(right)")
            }
        }
    }

    @Test func duplicatesShareTheirMessageID() throws {
        let first = try FixtureSupport.parse("dup_first.eml")
        let second = try FixtureSupport.parse("dup_second.eml")
        #expect(first.messageID == "dup-0001@mail.uz")
        #expect(first.messageID == second.messageID)
    }

    @Test func quarantinedFixturesCarryAReason() {
        for name in ["malformed_no_headers.eml", "malformed_binary.eml", "malformed_empty.eml"] {
            let assessment = IntakeAssessment.assess(FixtureSupport.bytes(name))
            #expect(assessment.status == .quarantined)
            #expect(assessment.error != nil)
        }
    }
}
