import ArgumentParser
import DeskCore
import DeskStore
import Foundation
import Letters
import MailIntake
import MailTransport
import Postgres
import Reports

/// A failure as the user sees it: one sentence and the exit code of SPEC §8.
///
/// Every library error has its sentences and codes in one file, `DeskFailure+<Target>.swift`;
/// this initialiser only dispatches, so a library error never ends as "Unexpected failure".
public struct DeskFailure: Error, Sendable {
    public static let unexpected: Int32 = 1
    public static let badInput: Int32 = 2
    public static let notFound: Int32 = 3
    public static let refused: Int32 = 4
    public static let concurrentChange: Int32 = 5
    public static let unavailable: Int32 = 6

    /// One sentence: what went wrong and what to do.
    public let message: String
    /// SPEC §8's exit code.
    public let exitCode: Int32

    public init(message: String, exitCode: Int32) {
        self.message = message
        self.exitCode = exitCode
    }

    /// Maps any error of the libraries to a sentence and a code; `database` names how the program
    /// is told its database (`dsar`'s option and variable unless given).
    public init(_ error: any Error, database: DatabaseSetting = .desk) {
        switch error {
        case let failure as DeskFailure: self = failure
        case let store as StoreError: self.init(store: store, database: database)
        case let core as DeskCoreError: self.init(core: core)
        case let lifecycle as LifecycleError: self.init(lifecycle: lifecycle)
        case let letters as LettersError: self.init(letters: letters)
        case let report as ReportError: self.init(report: report)
        case let database as PostgresError: self.init(database: database)
        case let mail as MailTransportError: self.init(mail: mail)
        case let account as MailAccountError: self.init(account: account)
        case let password as MailPasswordError: self.init(password: password)
        case let intake as MailIntakeError: self.init(intake: intake)
        case let validation as ValidationError: self.init(message: validation.message, exitCode: Self.badInput)
        default:
            self.init(message: "Unexpected failure (\(type(of: error))); nothing was changed — report it with DSAR_DEBUG=1 output.", exitCode: Self.unexpected)
            Self.debug("\(error)")
        }
    }

    /// With DSAR_DEBUG=1, the error's own description goes to stderr too.
    public static func debug(_ text: String) {
        if ProcessInfo.processInfo.environment["DSAR_DEBUG"] == "1" {
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
    }
}
