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
        return DeskSession(db: try global.target.connect(), actor: actor, now: now)
    }

    /// When an action happened: `--at` when given (checked), else now.
    func occurredAt(_ at: String?) throws -> Date {
        guard let at else { return now }
        return try InstantParser.recordingInstant(at, now: now)
    }

    var requests: RequestStore { RequestStore(db) }
}
