import DeskCore
import DeskStore
import Foundation
import Postgres

/// A desk on Friday 2026-11-20, 10:00 in Tashkent, with requests whose due dates are set by hand.
struct QueueFixtures {
    static let now = ISO8601DateFormatter().date(from: "2026-11-20T05:00:00Z") ?? Date()
    static let today = LocalDate(year: 2026, month: 11, day: 20) ?? LocalDate(daysSinceEpoch: 0)

    let db: Connection

    /// Registers a request received `daysAgo` days ago and due on `due` (`YYYY-MM-DD`).
    @discardableResult
    func request(
        _ name: String, kind: Right = .access, due: String, daysAgo: Int = 3, policy: String? = nil,
        state: RequestState = .received, assignee: String? = nil
    ) throws -> StoredRequest {
        let received = Self.now.addingTimeInterval(-Double(daysAgo) * 86_400)
        let store = RequestStore(db)
        let created = try store.create(
            NewRequest(kind: kind, requesterName: name, email: "\(name.lowercased())@example.uz", policy: policy, receivedAt: received),
            actor: "test", now: Self.now)
        let dueDate = LocalDate(iso: due) ?? Self.today
        try db.execute("UPDATE requests SET due_on = \(dueDate), original_due_on = \(dueDate), assignee = \(assignee) WHERE id = \(created.id)")
        for step in Self.path(to: state) {
            let closedAt: Date? = step.isClosed ? Self.now : nil
            try db.execute("UPDATE requests SET state = \(step), closed_at = \(closedAt) WHERE id = \(created.id)")
        }
        if state.isAwaiting {
            try db.execute("UPDATE requests SET paused_since = \(Self.now.addingTimeInterval(-86_400)) WHERE id = \(created.id)")
        }
        return try store.find(id: created.id)
    }

    /// Valid transitions from `received` (the schema's trigger refuses shortcuts).
    static func path(to state: RequestState) -> [RequestState] {
        switch state {
        case .received: return []
        case .inProgress: return [.inProgress]
        case .awaitingIdentity: return [.awaitingIdentity]
        case .awaitingRequester: return [.inProgress, .awaitingRequester]
        default: return [.inProgress, state]
        }
    }

    /// Stores an inbound reply for a request, sent `hoursAgo` hours before now.
    func reply(to request: StoredRequest, hoursAgo: Double) throws {
        try db.execute(
            """
            INSERT INTO messages (sha256, size_bytes, source, status, request_id, sent_at, direction)
            VALUES (md5(random()::text) || md5(random()::text), 10, 'test', 'reply', \(request.id),
                    \(Self.now.addingTimeInterval(-hoursAgo * 3600)), 'inbound')
            """)
    }

    /// Records that a letter was produced for a request `hoursAgo` hours before now.
    func letter(to request: StoredRequest, hoursAgo: Double) throws {
        try db.execute(
            """
            INSERT INTO letters (request_id, kind, language, format, sha256, verification_code, produced_at, produced_by)
            VALUES (\(request.id), 'clarification_request', 'en', 'text', md5(random()::text) || md5(random()::text),
                    md5(random()::text), \(Self.now.addingTimeInterval(-hoursAgo * 3600)), 'test')
            """)
    }
}
