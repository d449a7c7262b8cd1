import DeskCore
import DeskPortal
import DeskStore
import DeskTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LetterDesk
import Postgres
import Testing

@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)), .serialized)
struct PortalRouteTests {
    static let form = [
        "kind": "access", "name": "Aziz Rahimov", "email": "requester@example.test", "phone": "+998 90 123 45 67",
        "details": "Menga saqlangan maʼlumotlarim nusxasini yuboring.",
    ]

    /// Submits the form, enters the mailed code and runs the desk's promoter; returns the
    /// reference it registered (the page itself promises it by e-mail and shows none).
    static func register(_ visitor: Visitor, _ harness: PortalHarness, form: [String: String] = form) async throws -> String {
        try await visitor.get("/")
        let submitted = try await visitor.post("/request", form)
        #expect(submitted.status == .seeOther)
        let code = try #require(harness.mailer.code(for: form["email"] ?? ""))
        let registered = try await visitor.post(submitted.location, ["code": code])
        #expect(registered.status == .ok)
        #expect(registered.text.firstMatch(of: /DSAR-\d{4}-\d{6}/) == nil)
        let outcome = try harness.promote()
        #expect(outcome.registered.count == 1 && outcome.acknowledgementsQueued == 1)
        return try #require(outcome.registered.first)
    }

    @Test func healthAndHeaders() async throws {
        let harness = try PortalHarness()
        try await harness.run { client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            #expect(String(buffer: health.body) == "ok\n")
            let page = try await client.execute(uri: "/", method: .get)
            let csp = page.headers[.contentSecurityPolicy] ?? ""
            #expect(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'") && !csp.contains("script-src"))
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
            #expect(!String(buffer: page.body).contains("<script"))
            let cookie = page.headers[values: .setCookie].first { $0.hasPrefix("csrf=") } ?? ""
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && !cookie.contains("Secure"))
            // The form is rendered once per language; each visitor's page carries its own token.
            let first = Visitor(client), second = Visitor(client)
            let firstPage = try await first.get("/").text, secondPage = try await second.get("/").text
            #expect(first.csrf != second.csrf)
            #expect(firstPage.contains("name=\"csrf\" value=\"\(first.csrf)\"") && secondPage.contains("value=\"\(second.csrf)\""))
            #expect(!firstPage.contains("CSRF-TOKEN-MARKER"))
        }
    }

    @Test func cookiesAreSecureBehindTLS() async throws {
        let harness = try PortalHarness(publicURL: "https://privacy.example.uz")
        try await harness.run { client in
            let page = try await client.execute(uri: "/", method: .get)
            let cookie = page.headers[values: .setCookie].first { $0.hasPrefix("csrf=") } ?? ""
            #expect(cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        }
    }

    @Test func formInFourLanguagesWithLabels() async throws {
        let harness = try PortalHarness()
        try await harness.run { client in
            let expectations = [
                ("uz", "Nimani xohlaysiz?"), ("uz-Cyrl", "Нимани хоҳлайсиз?"), ("ru", "Что вы хотите?"), ("en", "What do you want?"),
            ]
            for (tag, legend) in expectations {
                let visitor = Visitor(client, language: tag == "uz-Cyrl" ? "uz-Cyrl-UZ,uz;q=0.5" : "\(tag);q=0.9")
                let page = try await visitor.get("/").text
                #expect(page.contains("<html lang=\"\(tag)\">"), "\(tag)")
                #expect(page.contains(legend), "\(tag)")
                for id in ["name", "email", "phone", "details", "kind-access", "kind-portability"] {
                    #expect(page.contains("<label for=\"\(id)\">"), "\(tag) \(id)")
                }
            }
            // The switcher wins over Accept-Language and is remembered.
            let visitor = Visitor(client, language: "en")
            #expect(try await visitor.get("/?lang=ru").text.contains("<html lang=\"ru\">"))
            #expect(try await visitor.get("/status").text.contains("<html lang=\"ru\">"))
        }
    }

    @Test func postWithoutCSRFIsRefused() async throws {
        let harness = try PortalHarness()
        try await harness.run { client in
            let visitor = Visitor(client)
            try await visitor.get("/")
            let refused = try await visitor.post("/request", Self.form, csrf: false)
            #expect(refused.status == .forbidden)
            let forged = try await visitor.post("/request", Self.form.merging(["csrf": String(repeating: "a", count: 64)]) { $1 })
            #expect(forged.status == .forbidden)
            let stranger = Visitor(client)  // no cookie at all
            #expect(try await stranger.post("/request", Self.form.merging(["csrf": visitor.csrf]) { $1 }).status == .forbidden)
            #expect(try await visitor.post("/status", ["reference": "DSAR-2026-000001", "email": "a@b.uz"], csrf: false).status == .forbidden)
            #expect(try harness.count("SELECT count(*)::int FROM portal_submissions") == 0)
            #expect(harness.mailer.messages.isEmpty)
        }
    }

    @Test func validationNamesTheField() async throws {
        let harness = try PortalHarness()
        try await harness.run { client in
            let visitor = Visitor(client, language: "en")
            try await visitor.get("/")
            let page = try await visitor.post("/request", ["kind": "rectification", "name": "", "email": "not-an-address", "phone": "call me"])
            #expect(page.status == .unprocessableContent)
            let text = page.text
            #expect(text.contains("id=\"name-error\">Enter your name."))
            #expect(text.contains("id=\"email-error\">Enter an e-mail address"))
            #expect(text.contains("id=\"phone-error\">"))
            #expect(text.contains("id=\"details-error\">Say what is wrong and what is right."))
            let long = try await visitor.post("/request", Self.form.merging(["name": String(repeating: "x", count: 201)]) { $1 })
            #expect(long.text.contains("id=\"name-error\">"))
            #expect(try harness.count("SELECT count(*)::int FROM portal_submissions") == 0)
        }
    }

    @Test func bodyLimit() async throws {
        let harness = try PortalHarness()
        try await harness.run { client in
            let visitor = Visitor(client)
            try await visitor.get("/")
            let huge = try await visitor.post("/request", Self.form.merging(["details": String(repeating: "d", count: 40_000)]) { $1 })
            #expect(huge.status == .contentTooLarge)
        }
    }

    @Test func scriptInEveryFieldComesBackEscaped() async throws {
        let harness = try PortalHarness()
        try await harness.run { client in
            let visitor = Visitor(client)
            try await visitor.get("/")
            let script = "<script>alert(1)</script>\"'"
            let page = try await visitor.post(
                "/request", ["kind": script, "name": script, "email": script, "phone": script, "details": script])
            #expect(page.status == .unprocessableContent)
            #expect(!page.text.contains("<script"))
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            let status = try await visitor.post("/status", ["reference": script, "email": script])
            #expect(!status.text.contains("<script"))
            let verify = try await visitor.get("/verify?code=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
            #expect(!verify.text.contains("<script"))
            // Stored and shown again on the status page, escaped.
            let reference = try await Self.register(visitor, harness, form: Self.form.merging(["details": script]) { $1 })
            _ = try await visitor.post("/status", ["reference": reference, "email": Self.form["email"] ?? ""])
            let opened = try await visitor.post(
                (try await visitor.post("/status", ["reference": reference, "email": Self.form["email"] ?? ""])).location,
                ["code": harness.mailer.code(for: Self.form["email"] ?? "") ?? ""])
            #expect(opened.status == .seeOther)
            let view = try await visitor.get("/status/view")
            #expect(!view.text.contains("<script"))
        }
    }

    @Test func verifiedSubmissionBecomesARequestWithItsAcknowledgementQueued() async throws {
        let harness = try PortalHarness()
        try await harness.run { client in
            let visitor = Visitor(client, language: "uz")
            let reference = try await Self.register(visitor, harness)
            let db = harness.database.connection
            let row = try #require(try db.query(
                """
                SELECT r.channel, r.kind, q.name, q.email, q.phone FROM requests r JOIN requesters q ON q.id = r.requester_id
                WHERE r.reference = \(reference)
                """).first)
            #expect(try row.decode((String, String, String, String, String).self) == ("web_form", "access", "Aziz Rahimov", "requester@example.test", "+998 90 123 45 67"))
            #expect(try harness.count("SELECT count(*)::int FROM outbox o JOIN letters l ON l.id = o.letter_id WHERE l.kind = 'acknowledgement' AND o.status = 'queued'") == 1)
            #expect(try harness.count("SELECT count(*)::int FROM portal_submissions") == 0)
            // The code mail names no request and carries the code only.
            let mail = try #require(harness.mailer.messages.first?.eml)
            #expect(!mail.contains("Aziz"))
        }
    }

    @Test func wrongCodeSixTimesLocksTheCode() async throws {
        let harness = try PortalHarness()
        try await harness.run { client in
            let visitor = Visitor(client, language: "en")
            try await visitor.get("/")
            let submitted = try await visitor.post("/request", Self.form)
            let code = try #require(harness.mailer.code(for: "requester@example.test"))
            let wrong = code == "000000" ? "111111" : "000000"
            for left in (0..<5).reversed() {
                let attempt = try await visitor.post(submitted.location, ["code": wrong])
                #expect(attempt.status == .unprocessableContent)
                if left > 0 { #expect(attempt.text.contains("Attempts left: \(left).")) }
            }
            let sixth = try await visitor.post(submitted.location, ["code": code])
            #expect(sixth.status == .unprocessableContent)
            #expect(sixth.text.contains("can no longer be used"))
            #expect(try harness.count("SELECT count(*)::int FROM requests") == 0)
            // Codes are kept only as hashes.
            #expect(try harness.count("SELECT count(*)::int FROM portal_submissions WHERE code_hash = \(code) OR code_hash LIKE \("%" + code + "%")") == 0)
        }
    }

    @Test func thousandSubmissionsFromOneAddressAreThrottled() async throws {
        let harness = try PortalHarness()
        try await harness.run { client in
            let visitor = Visitor(client, language: "en")
            try await visitor.get("/")
            var accepted = 0, throttled = 0
            for index in 0..<1000 {
                let response = try await visitor.post("/request", Self.form.merging(["email": "r\(index)@example.test"]) { $1 })
                if response.status == .seeOther { accepted += 1 }
                if response.status == .tooManyRequests {
                    throttled += 1
                    if throttled == 1 { #expect(response.text.contains("Too many attempts")) }
                }
            }
            #expect(accepted == PortalConfiguration.Limits.standard.submissionsPerAddress.limit)
            #expect(throttled == 1000 - accepted)
            #expect(try harness.count("SELECT count(*)::int FROM portal_submissions") == accepted)
        }
    }

    @Test func oneEmailIsThrottledAcrossAddresses() async throws {
        var relaxed = PortalConfiguration.Limits.standard
        relaxed.submissionsPerAddress.limit = 1000
        let limits = relaxed
        let harness = try PortalHarness(limits: limits)
        try await harness.run { client in
            let visitor = Visitor(client, language: "en")
            try await visitor.get("/")
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<8 { statuses.append(try await visitor.post("/request", Self.form).status) }
            #expect(statuses.filter { $0 == .seeOther }.count == limits.submissionsPerEmail.limit)
            #expect(statuses.last == .tooManyRequests)
        }
    }

    @Test func honeypotKeepsNothing() async throws {
        let harness = try PortalHarness()
        try await harness.run { client in
            let visitor = Visitor(client)
            try await visitor.get("/")
            let response = try await visitor.post("/request", Self.form.merging(["website": "http://spam.example"]) { $1 })
            #expect(response.status == .seeOther)
            #expect(response.location.hasPrefix("/confirm/"))
            #expect(try harness.count("SELECT count(*)::int FROM portal_submissions") == 0)
            #expect(harness.mailer.messages.isEmpty)
        }
    }

    @Test func lookupsOfUnknownReferencesLookExactlyLikeKnownOnes() async throws {
        let harness = try PortalHarness()
        try await harness.run { client in
            let owner = Visitor(client, language: "en")
            let reference = try await Self.register(owner, harness)
            let mailsBefore = harness.mailer.messages.count
            func lookUp(_ reference: String, _ email: String) async throws -> (HTTPResponse.Status, String, String) {
                let visitor = Visitor(client, language: "en")
                try await visitor.get("/status")
                let answer = try await visitor.post("/status", ["reference": reference, "email": email])
                let token = String(answer.location.dropFirst("/status/code/".count))
                let page = try await visitor.get(answer.location).text
                    .replacingOccurrences(of: token, with: "TOKEN").replacingOccurrences(of: visitor.csrf, with: "CSRF")
                let wrong = try await visitor.post(answer.location, ["code": "123456"]).text
                    .replacingOccurrences(of: token, with: "TOKEN").replacingOccurrences(of: visitor.csrf, with: "CSRF")
                return (answer.status, page, wrong)
            }
            let known = try await lookUp(reference, "requester@example.test")
            let unknownReference = try await lookUp("DSAR-2026-999999", "requester@example.test")
            let wrongEmail = try await lookUp(reference, "someone@example.test")
            let malformed = try await lookUp("NOT-A-REFERENCE", "requester@example.test")
            for other in [unknownReference, wrongEmail, malformed] {
                #expect(other.0 == known.0)
                #expect(other.1 == known.1)
                #expect(other.2 == known.2)
            }
            // Only the real pair got a code.
            #expect(harness.mailer.messages.count == mailsBefore + 1)
        }
    }

    @Test func statusPageShowsTheRequestAndTakesAReply() async throws {
        let harness = try PortalHarness()
        try await harness.run { client in
            let visitor = Visitor(client, language: "en")
            let reference = try await Self.register(visitor, harness)
            // Without a session there is nothing to see.
            #expect(try await Visitor(client).get("/status/view").status == .seeOther)
            let answer = try await visitor.post("/status", ["reference": reference.lowercased(), "email": "Requester@Example.test"])
            let code = try #require(harness.mailer.code(for: "Requester@Example.test"))
            let opened = try await visitor.post(answer.location, ["code": code])
            #expect(opened.status == .seeOther)
            let session = opened.headers[values: .setCookie].first { $0.hasPrefix("status=") } ?? ""
            #expect(session.contains("HttpOnly") && session.contains("SameSite=Strict"))
            let view = try await visitor.get("/status/view")
            #expect(view.status == .ok)
            let text = view.text
            #expect(text.contains("Request \(reference)"))
            #expect(text.contains("Received: we have your request"))
            #expect(text.contains("acknowledgement of receipt"))
            #expect(text.contains("We answer by"))
            let replied = try await visitor.post("/status/reply", ["message": "Here is my passport number, as you asked."])
            #expect(replied.status == .seeOther)
            #expect(try await visitor.get("/status/view?sent=1").text.contains("your message is received"))
            // The reply waits for the desk's promoter, which stores it as a reply by e-mail is stored.
            #expect(try harness.count("SELECT count(*)::int FROM messages WHERE status = 'reply'") == 0)
            #expect(try harness.promote().replies == 1)
            #expect(try harness.count("SELECT count(*)::int FROM messages m JOIN requests r ON r.id = m.request_id WHERE r.reference = \(reference) AND m.status = 'reply' AND m.direction = 'inbound'") == 1)
            #expect(try harness.count("SELECT count(*)::int FROM events WHERE event = 'reply_received'") == 1)
            // The session ends on sign-out.
            #expect(try await visitor.post("/status/logout", [:]).status == .seeOther)
            #expect(try await visitor.get("/status/view").status == .seeOther)
        }
    }

    @Test func verifyPageNamesTheLetterAndNoPerson() async throws {
        let harness = try PortalHarness()
        try await harness.run { client in
            let visitor = Visitor(client, language: "en")
            let reference = try await Self.register(visitor, harness)
            let code: String = try #require(try harness.database.connection.query("SELECT verification_code FROM letters").first?.decode(column: 0))
            let page = try await visitor.get("/verify/\(code)")
            #expect(page.status == .ok)
            #expect(page.text.contains("This letter is genuine."))
            #expect(page.text.contains("IT-Park") && page.text.contains(reference) && page.text.contains("acknowledgement of receipt"))
            #expect(!page.text.contains("Aziz") && !page.text.contains("requester@example.test"))
            let typed = try await visitor.get("/verify?code=\(code.lowercased().replacingOccurrences(of: "-", with: ""))")
            #expect(typed.text.contains("This letter is genuine."))
            let unknown = try await visitor.get("/verify/AAAA-AAAA-AA22")
            #expect(unknown.status == .notFound)
            #expect(unknown.text.contains("No letter with this code"))
        }
    }

    @Test func unverifiedSubmissionsAreDeletedAfterADay() async throws {
        let harness = try PortalHarness()
        try await harness.run { client in
            let visitor = Visitor(client)
            try await visitor.get("/")
            _ = try await visitor.post("/request", Self.form)
            let db = harness.database.connection
            #expect(try PortalStore(db).purge(now: Date()) == 0)
            #expect(try PortalStore(db).purge(now: Date().addingTimeInterval(24 * 3600 + 60)) == 1)
            #expect(try harness.count("SELECT count(*)::int FROM portal_submissions") == 0)
            #expect(try harness.count("SELECT count(*)::int FROM requesters") == 0)
        }
    }
}
