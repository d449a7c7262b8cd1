public import Postgres

/// How the server answered one statement, for tests that assert what a login may do: the same
/// check in every test target, whichever test library asserts on it (DeskTestSupport does not
/// link Testing).
public enum SQLAnswer: Equatable, Sendable, CustomStringConvertible {
    /// The statement ran.
    case ran
    /// The server refused it with this SQLSTATE.
    case refused(SQLState)
    /// It failed without a server answer (the description of the error).
    case failed(String)

    /// The answer of a login without the privilege (42501).
    public static let denied = SQLAnswer.refused(.insufficientPrivilege)

    public var description: String {
        switch self {
        case .ran: return "ran"
        case .refused(let state): return "refused with SQLSTATE \(state)"
        case .failed(let error): return "failed: \(error)"
        }
    }
}

extension Connection {
    /// Runs `sql` and says how the server answered it.
    public func answer(to sql: Query) -> SQLAnswer {
        do {
            try execute(sql)
            return .ran
        } catch let error as PostgresError {
            return error.sqlState.map(SQLAnswer.refused) ?? .failed(error.debugDescription)
        } catch {
            return .failed("\(error)")
        }
    }
}
