import DeskCore
import DeskStore
import DeskTestSupport
import Foundation
import Postgres
import Testing

/// `dsar audit verify` against a log changed behind the desk's back (issues 9 §5 and 15): a
/// superuser disables the append-only triggers and edits, deletes, reorders, forges or rewrites
/// rows and seals; the CLI must say so with exit 4 and one sentence naming the first broken event,
/// leaf or seal. A rewrite that recomputes every hash and every seal verifies on its own: only an
/// older digest (`--digest`) catches it. The application role cannot do any of this (`RolesTests`).
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct AuditVerifyCommandTests {
    static let now = ["DSAR_NOW": "2026-11-21T10:00:00+05:00"]

    /// A desk with three requests, two of them started: five events, seq 1…5, each command sealing
    /// its own event (seals 1…5 of sizes 1…5).
    static func desk(_ database: TestDatabase) throws {
        for (index, name) in ["Aziz Rahimov", "Nodira Yusupova", "Olga Petrova"].enumerated() {
            let created = try database.runDsar(
                ["new", "--kind", "access", "--name", name, "--email", "person\(index)@example.uz"], environment: now)
            #expect(created.status == 0, "\(created.stderr)")
            if index < 2 {
                let reference = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(try database.runDsar(["start", reference], environment: now).status == 0)
            }
        }
        let events = try database.connection.query("SELECT count(*) FROM events").first?.decode(column: 0, as: Int.self)
        #expect(events == 5)
        let intact = try database.runDsar(["audit", "verify"], environment: now)
        #expect(intact.status == 0, "\(intact.stderr)")
        #expect(intact.stdout.contains("5 events checked, 5 sealed in 5 seals"), "\(intact.stdout)")
    }

    /// The digest `dsar audit digest` prints now, as SIZE:ROOT.
    static func digest(_ database: TestDatabase) throws -> String {
        let run = try database.runDsar(["audit", "digest"], environment: now)
        #expect(run.status == 0, "\(run.stderr)")
        let words = run.stdout.split(separator: " ")
        #expect(words.count == 5 && words[0] == "audit" && words[1] == "digest" && words[3] == "sealed", "\(run.stdout)")
        return words.count > 2 ? String(words[2]) : ""
    }

    /// Every event as stored, in leaf order, with its leaf.
    static func stored(_ db: Connection) throws -> [(entry: AuditEntry, leaf: Int64)] {
        try db.query(
            """
            SELECT seq, request_id, chain_pos, occurred_at, recorded_at, actor, event, from_state, to_state, payload,
                   prev_hash, hash, leaf FROM events ORDER BY leaf
            """
        ).map { row in
            let (seq, request, position, occurred, recorded, actor, event, from, to, payload, prev, hash, leaf) =
                try row.decode((Int64, Int64?, Int64?, Date, Date, String, String, RequestState?, RequestState?, String, String, String, Int64).self)
            return (AuditEntry(sequence: seq, requestID: request, chainPosition: position, occurredAt: occurred,
                               recordedAt: recorded, actor: actor, event: event, fromState: from, toState: to,
                               payload: payload, prevHash: prev, hash: hash), leaf)
        }
    }

    /// Rewrites request 1's whole chain as `actor` with every hash recomputed, as a superuser would.
    static func rewriteFirstRequest(_ db: Connection, actor: String) throws {
        var previous = AuditEntry.genesisHash
        try db.executeScript("ALTER TABLE events DISABLE TRIGGER USER")
        for (e, _) in try stored(db) where e.requestID == 1 {
            let forged = AuditEntry(
                sequence: e.sequence, requestID: e.requestID, chainPosition: e.chainPosition, occurredAt: e.occurredAt,
                recordedAt: e.recordedAt, actor: actor, event: e.event, fromState: e.fromState, toState: e.toState,
                payload: e.payload, prevHash: previous, hash: ""
            ).withComputedHash()
            try db.execute("UPDATE events SET actor = \(forged.actor), prev_hash = \(forged.prevHash), hash = \(forged.hash) WHERE seq = \(e.sequence)")
            previous = forged.hash
        }
        // The chain head on the request row (SQL/0120) follows, as a thorough forger would make it.
        try db.execute("UPDATE requests SET audit_hash = \(previous) WHERE id = 1 AND audit_pos IS NOT NULL")
        try db.executeScript("ALTER TABLE events ENABLE TRIGGER USER")
    }

    /// Event #100, properly chained after request 3's newest event, by mallory.
    static func forgedEvent(_ db: Connection) throws -> AuditEntry {
        let third = try #require(try AuditLog(db).events(requestID: 3).last)
        let forged = AuditEntry.appending(
            after: third, requestID: 3, occurredAt: third.occurredAt, recordedAt: third.recordedAt, actor: "mallory",
            event: "close_refused", fromState: .received, toState: .refused, payload: "{}")
        return AuditEntry(
            sequence: 100, requestID: 3, chainPosition: forged.chainPosition, occurredAt: forged.occurredAt,
            recordedAt: forged.recordedAt, actor: forged.actor, event: forged.event, fromState: forged.fromState,
            toState: forged.toState, payload: forged.payload, prevHash: forged.prevHash, hash: ""
        ).withComputedHash()
    }

    /// Runs `sql` as the superuser with the audit log's triggers off, then `dsar audit verify`.
    static func tamper(_ database: TestDatabase, _ sql: String) throws -> DsarRun {
        try database.connection.executeScript(
            "ALTER TABLE events DISABLE TRIGGER USER; " + sql + "; ALTER TABLE events ENABLE TRIGGER USER")
        return try database.runDsar(["audit", "verify"], environment: now)
    }

    static func expectBroken(_ run: DsarRun, at place: String, saying words: String) {
        #expect(run.status == 4, "\(run.stdout) \(run.stderr)")
        #expect(run.stdout.isEmpty)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("broken at \(place):"), "\(run.stderr)")
        #expect(run.stderr.contains(words), "\(run.stderr)")
    }

    @Test func editedRowIsNamed() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            try Self.desk(database)
            let run = try Self.tamper(database, "UPDATE events SET actor = 'mallory' WHERE seq = 3")
            Self.expectBroken(run, at: "event #3", saying: "altered")
        }
    }

    @Test func editedRowWithItsOwnHashRecomputedIsNamedAtTheNextRowOfItsChain() throws {
        // A forger who also recomputes the edited row's hash still breaks the link from the next row of the request.
        try TestDatabase.withDatabase(migrated: true) { database in
            try Self.desk(database)
            let third = try #require(try AuditLog(database.connection).events(requestID: 2).first { $0.sequence == 3 })
            let forged = AuditEntry(
                sequence: third.sequence, requestID: third.requestID, chainPosition: third.chainPosition,
                occurredAt: third.occurredAt, recordedAt: third.recordedAt, actor: "mallory", event: third.event,
                fromState: third.fromState, toState: third.toState, payload: third.payload, prevHash: third.prevHash, hash: ""
            ).withComputedHash()
            try database.connection.executeScript("ALTER TABLE events DISABLE TRIGGER USER")
            try database.connection.execute(
                "UPDATE events SET actor = \(forged.actor), hash = \(forged.hash) WHERE seq = 3")
            let run = try Self.tamper(database, "SELECT 1")
            Self.expectBroken(run, at: "event #4", saying: "does not follow")
        }
    }

    @Test func deletedRowIsNamed() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            try Self.desk(database)
            let run = try Self.tamper(database, "DELETE FROM events WHERE seq = 3")
            Self.expectBroken(run, at: "event #4", saying: "missing")
        }
    }

    @Test func deletedNewestRowIsNamed() throws {
        // The newest row leaves every chain valid; the seal that covered it gives it away.
        try TestDatabase.withDatabase(migrated: true) { database in
            try Self.desk(database)
            let run = try Self.tamper(database, "DELETE FROM events WHERE seq = 5")
            Self.expectBroken(run, at: "leaf #4", saying: "deleted")
        }
    }

    @Test func reorderedRowsAreNamed() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            try Self.desk(database)
            let run = try Self.tamper(
                database,
                """
                UPDATE events SET seq = 1000 WHERE seq = 2;
                UPDATE events SET seq = 2 WHERE seq = 3;
                UPDATE events SET seq = 3 WHERE seq = 1000
                """)
            Self.expectBroken(run, at: "event #2", saying: "Audit row 2")
        }
    }

    @Test func deletedFirstRowIsNamed() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            try Self.desk(database)
            let run = try Self.tamper(database, "DELETE FROM events WHERE seq = 1")
            Self.expectBroken(run, at: "event #2", saying: "missing")
        }
    }

    @Test func anEventAppendedWithoutMovingItsRequestsHeadIsCaughtBeforeAnySeal() throws {
        // A properly chained event added at the end of request 3's chain, unsealed (no seal can
        // know it yet), but without the head on the request row: the head gives it away.
        try TestDatabase.withDatabase(migrated: true) { database in
            try Self.desk(database)
            let row = try Self.forgedEvent(database.connection)
            try database.connection.execute(
                """
                INSERT INTO events (seq, request_id, chain_pos, occurred_at, recorded_at, actor, event, from_state, to_state,
                                    payload, prev_hash, hash)
                VALUES (100, 3, \(row.chainPosition), \(row.occurredAt), \(row.recordedAt), \(row.actor), \(row.event),
                        \(row.fromState), \(row.toState), \(row.payload), \(row.prevHash), \(row.hash))
                """)
            let run = try database.runDsar(["audit", "verify"], environment: Self.now)
            Self.expectBroken(run, at: "event #100", saying: "not the newest event its request records")
        }
    }

    @Test func aDeletedNewestEventWithItsHeadLeftIsCaughtBeforeAnySeal() throws {
        // Request 3's only event removed before any seal covered it (seal 5 removed too).
        try TestDatabase.withDatabase(migrated: true) { database in
            try Self.desk(database)
            try database.connection.executeScript(
                """
                ALTER TABLE audit_seals DISABLE TRIGGER USER; DELETE FROM audit_seals WHERE id = 5;
                ALTER TABLE audit_seals ENABLE TRIGGER USER
                """)
            let run = try Self.tamper(database, "DELETE FROM events WHERE seq = 5")
            Self.expectBroken(run, at: "event #0", saying: "removed from the end")
        }
    }

    @Test func aWholeChainRewrittenConsistentlyIsCaughtByItsSeal() throws {
        // Every hash of request 1 recomputed: the chain verifies, the first seal over it does not.
        try TestDatabase.withDatabase(migrated: true) { database in
            try Self.desk(database)
            try Self.rewriteFirstRequest(database.connection, actor: "mallory")
            let run = try database.runDsar(["audit", "verify"], environment: Self.now)
            Self.expectBroken(run, at: "seal #1", saying: "no longer hash to its root")
        }
    }

    @Test func aForgedEventInsertedBetweenSealsIsCaught() throws {
        // Made room at leaf 2 (later leaves moved up) for an event properly chained to request 3.
        try TestDatabase.withDatabase(migrated: true) { database in
            try Self.desk(database)
            let forged = try Self.forgedEvent(database.connection)
            try database.connection.executeScript("ALTER TABLE events DISABLE TRIGGER USER")
            try database.connection.executeScript(
                "UPDATE events SET leaf = leaf + 1000 WHERE leaf >= 2; UPDATE events SET leaf = leaf - 999 WHERE leaf >= 1000")
            try database.connection.execute(
                """
                INSERT INTO events (seq, request_id, chain_pos, occurred_at, recorded_at, actor, event, from_state, to_state,
                                    payload, prev_hash, hash, leaf)
                VALUES (100, 3, \(forged.chainPosition), \(forged.occurredAt), \(forged.recordedAt), \(forged.actor),
                        \(forged.event), \(forged.fromState), \(forged.toState), \(forged.payload), \(forged.prevHash),
                        \(forged.hash), 2)
                """)
            let run = try Self.tamper(database, "SELECT 1")
            Self.expectBroken(run, at: "leaf #5", saying: "not the ones sealed")
        }
    }

    @Test func anEditedSealIsCaught() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            try Self.desk(database)
            try database.connection.executeScript(
                """
                ALTER TABLE audit_seals DISABLE TRIGGER USER;
                UPDATE audit_seals SET root = (SELECT root FROM audit_seals WHERE id = 2) WHERE id = 3;
                ALTER TABLE audit_seals ENABLE TRIGGER USER
                """)
            let run = try database.runDsar(["audit", "verify"], environment: Self.now)
            Self.expectBroken(run, at: "seal #4", saying: "does not follow the previous seal")
        }
    }

    @Test func aLogCutBackAndRegrownToTheSameSizeIsCaughtByItsDigest() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            try Self.desk(database)
            let old = try Self.digest(database)
            #expect(old.hasPrefix("5:"))
            // The newest event and its seal removed, then the desk goes on: a new fifth event is sealed.
            try database.connection.executeScript(
                """
                ALTER TABLE events DISABLE TRIGGER USER; ALTER TABLE audit_seals DISABLE TRIGGER USER;
                DELETE FROM events WHERE seq = 5; DELETE FROM audit_seals WHERE id = 5;
                UPDATE requests SET audit_pos = NULL, audit_hash = NULL WHERE id = 3;
                ALTER TABLE events ENABLE TRIGGER USER; ALTER TABLE audit_seals ENABLE TRIGGER USER
                """)
            let added = try database.runDsar(
                ["new", "--kind", "erasure", "--name", "Timur Aliev", "--email", "timur@example.uz"], environment: Self.now)
            #expect(added.status == 0, "\(added.stderr)")
            let regrown = try Self.digest(database)
            #expect(regrown.hasPrefix("5:") && regrown != old)
            #expect(try database.runDsar(["audit", "verify"], environment: Self.now).status == 0)
            let run = try database.runDsar(["audit", "verify", "--digest", old], environment: Self.now)
            #expect(run.status == 4, "\(run.stdout) \(run.stderr)")
            #expect(run.stderr.contains("does not extend the digest \(old)"), "\(run.stderr)")
        }
    }

    @Test func aSuperuserRewriteWithEveryHashAndSealRecomputedIsCaughtByAnOldDigest() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            try Self.desk(database)
            let old = try Self.digest(database)
            #expect(try database.runDsar(["audit", "verify", "--digest", old], environment: Self.now).stdout
                .contains("it extends the digest \(old)"))
            try Self.rewriteFirstRequest(database.connection, actor: "mallory")
            // Every seal recomputed over the rewritten events.
            var tree = MerkleFrontier()
            var previous = MerkleHash.empty
            var seals: [String] = []
            for (e, _) in try Self.stored(database.connection) {
                tree.append(e.leafHash)
                seals.append("(\(tree.size), \(tree.size), '\(tree.root.hex)', '\(previous.hex)', now(), '\(tree.encoded)')")
                previous = tree.root
            }
            try database.connection.executeScript(
                """
                ALTER TABLE audit_seals DISABLE TRIGGER USER; DELETE FROM audit_seals;
                INSERT INTO audit_seals (id, size, root, prev_root, sealed_at, frontier) VALUES \(seals.joined(separator: ", "));
                ALTER TABLE audit_seals ENABLE TRIGGER USER
                """)
            let alone = try database.runDsar(["audit", "verify"], environment: Self.now)
            #expect(alone.status == 0, "a consistent rewrite verifies on its own: \(alone.stderr)")
            let run = try database.runDsar(["audit", "verify", "--digest", old], environment: Self.now)
            #expect(run.status == 4, "\(run.stdout) \(run.stderr)")
            #expect(run.stderr.contains("does not extend the digest \(old)"), "\(run.stderr)")
            #expect(run.stderr.contains("history was rewritten"), "\(run.stderr)")
        }
    }

    @Test func aProofChecksOfflineAndAChangedEventIsRejected() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            try Self.desk(database)
            let digest = try Self.digest(database)
            let proved = try database.runDsar(["audit", "prove", "DSAR-2026-000001"], environment: Self.now)
            #expect(proved.status == 0, "\(proved.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(proved.stdout.utf8)) as? [String: Any])
            #expect(object["tree_size"] as? Int == 5)
            #expect((object["events"] as? [Any])?.count == 2)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("proof-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("proof.json")
            try proved.stdout.write(to: file, atomically: true, encoding: .utf8)
            // Offline: no database in the environment at all.
            let checked = try runDsar(["audit", "check-proof", file.path, "--digest", digest])
            #expect(checked.status == 0, "\(checked.stderr)")
            #expect(checked.stdout.contains("2 events of DSAR-2026-000001 are in the log of digest \(digest)"))

            let actor = try #require(proved.stdout.range(of: #""actor" : "[^"]*""#, options: .regularExpression))
            let changed = proved.stdout.replacingCharacters(in: actor, with: #""actor" : "mallory""#)
            #expect(changed != proved.stdout)
            try changed.write(to: file, atomically: true, encoding: .utf8)
            let rejected = try runDsar(["audit", "check-proof", file.path, "--digest", digest])
            #expect(rejected.status == 4, "\(rejected.stdout)")
            #expect(rejected.stderr.contains("does not match its hash"), "\(rejected.stderr)")

            // A proof checked against another digest is refused, and a malformed digest is bad input.
            let otherRoot = String(repeating: "ab", count: 32)
            try proved.stdout.write(to: file, atomically: true, encoding: .utf8)
            #expect(try runDsar(["audit", "check-proof", file.path, "--digest", "5:" + otherRoot]).status == 4)
            #expect(try runDsar(["audit", "check-proof", file.path, "--digest", "five"]).status == 2)
            #expect(try database.runDsar(["audit", "verify", "--digest", "5:xyz"], environment: Self.now).status == 2)
        }
    }

    @Test func theMonthlyReportEndsWithTheMonthEndDigest() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            try Self.desk(database)
            let digest = try Self.digest(database)
            let report = try database.runDsar(["report", "monthly", "2026-11"], environment: Self.now)
            #expect(report.status == 0, "\(report.stderr)")
            #expect(report.stdout.hasSuffix("audit digest \(digest) sealed 2026-11-21T05:00:00.000Z\n"), "\(report.stdout.suffix(200))")
            // October ended before anything was sealed: no digest line.
            let october = try database.runDsar(["report", "monthly", "2026-10"], environment: Self.now)
            #expect(october.status == 0 && !october.stdout.contains("audit digest"))
            let csv = try database.runDsar(["report", "monthly", "2026-11", "--format", "csv"], environment: Self.now)
            #expect(csv.stdout.hasSuffix("audit_digest,\(digest)\n"))
        }
    }
}
