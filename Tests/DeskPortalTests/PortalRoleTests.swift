import DeskCore
import DeskPortal
import DeskStore
import DeskTestSupport
import Foundation
import Postgres
import Testing

/// Least privilege of the portal (issue 17 §6, SQL/0125_portal_role.sql): what a login in
/// `dsar_portal` may and may not do, on the real server.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)), .serialized)
struct PortalRoleTests {
    static let now = Date(timeIntervalSince1970: 1_794_000_000)  // 2026-11-06

    /// A request of `email` with its acknowledgement letter, and a status session opened for it
    /// the way the portal opens one (look-up, then the right code); returns (reference, session token).
    static func requestWithSession(_ harness: PortalHarness, portal: Connection, name: String, email: String) throws -> (String, String) {
        let db = harness.database.connection
        let created = try RequestStore(db).create(
            NewRequest(kind: .access, requesterName: name, email: email, channel: .webForm, receivedAt: now), actor: "test", now: now)
        try db.execute(
            """
            INSERT INTO letters (request_id, kind, language, format, sha256, verification_code, subject, body, produced_at, produced_by)
            VALUES (\(created.id), 'acknowledgement', 'en', 'text', repeat('a', 64), \("AAAA-BBBB-" + String(name.prefix(2)).uppercased()),
                    \("Letter to " + name), \("Dear " + name), \(now), 'test')
            """)
        let store = PortalStore(portal)
        let challenge = PortalSecret.token(), code = PortalSecret.code(), session = PortalSecret.token()
        #expect(try store.lookUp(reference: created.reference, email: email, challenge: challenge, code: code, now: now))
        #expect(try store.confirmLookup(challenge: challenge, code: code, sessionToken: session, now: now) == .opened)
        return (created.reference, session)
    }

    @Test func portalReadsNoDeskTableAndWritesOnlyPendingSubmissions() async throws {
        let harness = try PortalHarness()
        try await harness.run { _ in
            let portal = try harness.portalConnection()
            for table in ["requests", "requesters", "messages", "events", "letters", "outbox", "settings", "policies",
                          "portal_submissions", "portal_lookups", "portal_sessions", "portal_replies", "audit_seals"] {
                #expect(portal.answer(to: "SELECT * FROM \(identifier: table) LIMIT 1") == .denied)
            }
            #expect(portal.answer(to: "SELECT reference FROM requests") == .denied)
            #expect(portal.answer(to: "UPDATE requests SET assignee = 'portal'") == .denied)
            #expect(portal.answer(to: "INSERT INTO events (request_id) VALUES (1)") == .denied)
            #expect(portal.answer(to: "INSERT INTO portal_sessions (token_hash, request_id, created_at, expires_at) VALUES ('x', 1, now(), now())") == .denied)
            #expect(portal.answer(to: "INSERT INTO portal_replies (request_id, body, received_at) VALUES (1, 'x', now())") == .denied)
            // It may insert a pending submission, but not one already verified, and not change one.
            try portal.execute(
                """
                INSERT INTO portal_submissions (challenge, code_hash, kind, name, email, language, created_at, code_expires_at)
                VALUES ('c1', 'h1', 'access', 'A', 'a@example.test', 'en', now(), now())
                """)
            #expect(portal.answer(to:
                """
                INSERT INTO portal_submissions (challenge, code_hash, kind, name, email, language, created_at, code_expires_at, verified_at)
                VALUES ('c2', 'h2', 'access', 'A', 'a@example.test', 'en', now(), now(), now())
                """) == .denied)
            #expect(portal.answer(to: "UPDATE portal_submissions SET verified_at = now()") == .denied)
            #expect(portal.answer(to: "DELETE FROM portal_submissions") == .denied)
            #expect(portal.answer(to: "SELECT * FROM dsar_grant()") == .denied)
            #expect(portal.answer(to: "SELECT * FROM dsar_portal_grant()") == .denied)
            #expect(portal.answer(to: "CREATE TABLE portal_notes (body text)") == .denied)
            // What it reads of the settings is the pages' few facts, not the DPO's address book.
            let settings = try PortalStore(portal).settings()
            #expect(settings["organisation.name"] == "IT-Park" && settings["policy.name"] != nil)
            #expect(settings["organisation.address"] == nil && settings["dpo.name"] == nil)
        }
    }

    @Test func statusFunctionShowsOnlyTheSessionsOwnRequest() async throws {
        let harness = try PortalHarness()
        try await harness.run { _ in
            let portal = try harness.portalConnection()
            let (first, firstSession) = try Self.requestWithSession(harness, portal: portal, name: "Aziz", email: "aziz@example.test")
            let (second, secondSession) = try Self.requestWithSession(harness, portal: portal, name: "Bobur", email: "bobur@example.test")
            let store = PortalStore(portal)
            let firstStatus = try #require(try store.status(session: firstSession, now: Self.now))
            #expect(firstStatus.reference == first)
            #expect(firstStatus.letters.map(\.subject) == ["Letter to Aziz"])
            let secondStatus = try #require(try store.status(session: secondSession, now: Self.now))
            #expect(secondStatus.reference == second && secondStatus.letters.map(\.subject) == ["Letter to Bobur"])
            // No session, another token, or an ended one: nothing at all.
            #expect(try store.status(session: PortalSecret.token(), now: Self.now) == nil)
            #expect(try portal.query("SELECT * FROM portal_status(\(firstSession), \(Self.now))").count == 0)  // the token, not its hash
            #expect(try store.status(session: firstSession, now: Self.now.addingTimeInterval(PortalStore.sessionLifetime + 1)) == nil)
            #expect(try !store.reply(session: PortalSecret.token(), text: "to someone else's request", now: Self.now))
            // A look-up of the first reference with the second requester's address opens nothing.
            let challenge = PortalSecret.token(), code = PortalSecret.code()
            #expect(try !store.lookUp(reference: first, email: "bobur@example.test", challenge: challenge, code: code, now: Self.now))
            #expect(try store.confirmLookup(challenge: challenge, code: code, sessionToken: PortalSecret.token(), now: Self.now)
                == .wrong(attemptsLeft: 4))
            try store.endSession(firstSession)
            #expect(try store.status(session: firstSession, now: Self.now) == nil)
            #expect(try store.status(session: secondSession, now: Self.now)?.reference == second)
        }
    }

    @Test func grantsAreReappliedWithTheDesksAndSayWhatTheyDid() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let steps = try RoleGrants(database.connection).apply()
            #expect(steps.contains("portal_submissions: INSERT of the form's columns to dsar_portal (no SELECT, no verified_at)"))
            #expect(steps.contains("portal_submissions, portal_replies: DELETE to dsar_desk (dsar portal promote)"))
        }
    }
}
