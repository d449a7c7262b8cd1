import DeskProgram
import DeskStore
import Foundation
import Postgres

/// What a command that works on the desk needs: a connection, who acts, and the time.
struct DeskSession {
    let db: Connection
    let actor: String
    let now: Date

    static func open(_ global: GlobalOptions) throws -> DeskSession {
        let now = try DeskClock.now()
        let actor = global.actorName
        try InputRules.checkName(actor, option: "--actor")
        let session = DeskSession(db: try global.target.connect(), actor: actor, now: now)
        opened.record(session)
        return session
    }

    /// The sessions this process opened, sealed once the command succeeded.
    static let opened = OpenedSessions()

    final class OpenedSessions: @unchecked Sendable {
        private let lock = NSLock()
        private var sessions: [DeskSession] = []

        func record(_ session: DeskSession) {
            lock.lock()
            defer { lock.unlock() }
            sessions.append(session)
        }

        /// Seals what the command wrote (and anything else pending) unless another sealer is at
        /// work (SKIP LOCKED: nobody waits). Never fails the command.
        func seal() {
            lock.lock()
            let all = sessions
            sessions = []
            lock.unlock()
            for session in all where session.db.isAlive {
                AuditLog(session.db).sealQuietly(now: session.now)
            }
        }
    }

    /// When an action happened: `--at` when given (checked), else now.
    func occurredAt(_ at: String?) throws -> Date {
        guard let at else { return now }
        return try InstantParser.recordingInstant(at, now: now)
    }

    var requests: RequestStore { RequestStore(db) }
}
