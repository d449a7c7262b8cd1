import ArgumentParser
import DeskStore
import Foundation
import MailTransport
import Postgres

/// A failure as the user sees it: one sentence and the exit code of SPEC §8.
struct DeskFailure: Error {
    static let unexpected: Int32 = 1
    static let badInput: Int32 = 2
    static let notFound: Int32 = 3
    static let refused: Int32 = 4
    static let concurrentChange: Int32 = 5
    static let unavailable: Int32 = 6

    let message: String
    let exitCode: Int32

    init(message: String, exitCode: Int32) {
        self.message = message
        self.exitCode = exitCode
    }

    /// Maps any error of the libraries to a sentence and a code, in this one place.
    init(_ error: Error) {
        switch error {
        case let failure as DeskFailure:
            self = failure
        case let store as StoreError:
            switch store {
            case .invalidInput(let text): self.init(message: text, exitCode: Self.badInput)
            case .notFound(let text): self.init(message: text, exitCode: Self.notFound)
            case .refused(let text): self.init(message: text, exitCode: Self.refused)
            case .concurrentChange(let text): self.init(message: text, exitCode: Self.concurrentChange)
            case .unavailable(let text): self.init(message: text, exitCode: Self.unavailable)
            case .configuration(let text): self.init(message: text, exitCode: Self.unexpected)
            }
        case let database as PostgresError where database.isConnectionProblem:
            self.init(
                message: "The database connection was lost; check that the server runs (`dsar db status`) and run the command again.",
                exitCode: Self.unavailable)
        case let database as PostgresError where database.sqlState == .insufficientPrivilege:
            self.init(
                message: "Your database user may not do this (permission denied); ask the DPO to make it a member of the right role (README, \"Desk staff and roles\").",
                exitCode: Self.refused)
        case let database as PostgresError where database.sqlState == .undefinedTable:
            self.init(
                message: "The database has no DSAR Desk schema yet; run `dsar db migrate` first.",
                exitCode: Self.unavailable)
        case let database as PostgresError:
            self.init(
                message: "The database refused the operation (\(database)); nothing was changed — run the command again or report it with DSAR_DEBUG=1 output.",
                exitCode: Self.unexpected)
            if ProcessInfo.processInfo.environment["DSAR_DEBUG"] == "1" {
                FileHandle.standardError.write(Data((database.debugDescription + "\n").utf8))
            }
        case let mail as MailTransportError:
            self.init(mail: mail)
        case let account as MailAccountError:
            self.init(message: account.description, exitCode: Self.badInput)
        case let password as MailPasswordError:
            self.init(message: password.description, exitCode: Self.badInput)
        case let validation as ValidationError:
            self.init(message: validation.message, exitCode: Self.badInput)
        default:
            self.init(message: "Unexpected failure (\(type(of: error))); nothing was changed — report it with DSAR_DEBUG=1 output.", exitCode: Self.unexpected)
            if ProcessInfo.processInfo.environment["DSAR_DEBUG"] == "1" {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
            }
        }
    }
}
