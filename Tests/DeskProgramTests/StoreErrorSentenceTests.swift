import DeskCore
import DeskProgram
import DeskStore
import Testing

/// Every code of the store has its own sentence in DeskFailure+Store.swift: none falls to the
/// catch-all, and its exit code follows the code's category (SPEC §8).
struct StoreErrorSentenceTests {
    @Test func everyStoreCodeHasASentence() {
        #expect(StoreError.Code.allCases.count > 100)
        for code in StoreError.Code.allCases {
            let failure = DeskFailure(StoreError(code))
            #expect(!failure.message.hasPrefix("The desk refused the operation ("), "\(code) has no sentence")
            #expect(!failure.message.contains("Unexpected failure"))
            #expect(failure.exitCode == DeskFailure.exitCode(code.category))
        }
    }

    @Test func aLifecycleRefusalNamesTheRequest() {
        let refusal = LifecycleError(.extensionWithoutReason, state: .inProgress, allowedEvents: [])
        let failure = DeskFailure(StoreError(.lifecycleRefused, reference: "DSAR-2026-000001", state: .inProgress, lifecycle: refusal))
        #expect(failure.message == "DSAR-2026-000001: An extension needs a reason, which the extension_notice letter tells the requester.")
        #expect(failure.exitCode == DeskFailure.refused)
    }
}

/// A database that cannot be reached: each program names its own option and variable.
struct DatabaseUnreachableSentenceTests {
    static let unreachable = StoreError(.databaseUnreachable, name: "postgresql://dsar@%2Ftmp%2Fnone/dsar")

    @Test func dsarNamesItsVariable() {
        let failure = DeskFailure(Self.unreachable)
        #expect(failure.message
            == "Cannot reach postgresql://dsar@%2Ftmp%2Fnone/dsar; check DSAR_DATABASE_URL / --database-url and that the server runs (`docker compose up -d`).")
        #expect(failure.exitCode == DeskFailure.unavailable)
    }

    @Test func thePortalNamesItsOwnVariable() {
        let failure = DeskFailure(Self.unreachable, database: .portal)
        #expect(failure.message
            == "Cannot reach postgresql://dsar@%2Ftmp%2Fnone/dsar; check DSAR_PORTAL_DATABASE_URL / --database-url and that the server runs (`docker compose up -d`).")
        #expect(failure.exitCode == DeskFailure.unavailable)
    }

    /// The PG* variables and the local database are the same for every program.
    @Test func theOtherTargetsReadTheSameForEveryProgram() {
        for error in [
            StoreError(.databaseUnreachableFromEnvironment, name: "the database named by the PG* environment variables"),
            StoreError(.localDatabaseUnreachable, name: "the local database in /var/lib/dsar", detail: "/var/lib/dsar/server.log"),
        ] {
            #expect(DeskFailure(error, database: .portal).message == DeskFailure(error).message)
            #expect(DeskFailure(error, database: .portal).exitCode == DeskFailure.unavailable)
        }
        #expect(DeskFailure(StoreError(.databaseUnreachableFromEnvironment, name: "the database named by the PG* environment variables")).message
            == "Cannot reach the database named by the PG* environment variables; check the PGHOST and PGDATABASE variables and that the server runs.")
    }
}
