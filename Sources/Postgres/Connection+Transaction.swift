/// Transactions: BEGIN, the body, COMMIT — or ROLLBACK when the body throws.
extension Connection {
    /// The isolation level of a transaction.
    public enum IsolationLevel: String, Sendable {
        case readCommitted = "READ COMMITTED"
        case repeatableRead = "REPEATABLE READ"
        case serializable = "SERIALIZABLE"
    }

    /// Runs `body` in a transaction. Errors say which step failed (`transactionStep`).
    public func withTransaction<T>(_ isolation: IsolationLevel = .readCommitted, _ body: (Connection) throws -> T) throws -> T {
        // Sent with the body's first statement, in the same round trip (`Connection+Pipeline`).
        switch isolation {
        case .readCommitted: pendingBegin = "BEGIN"
        case .repeatableRead: pendingBegin = "BEGIN ISOLATION LEVEL REPEATABLE READ"
        case .serializable: pendingBegin = "BEGIN ISOLATION LEVEL SERIALIZABLE"
        }
        let value: T
        do {
            value = try body(self)
        } catch {
            try rollBack("ROLLBACK", because: error)
            if var failure = error as? PostgresError, failure.transactionStep == nil {
                failure.transactionStep = .body
                throw failure
            }
            throw error
        }
        // A body that sent nothing opened no transaction on the server.
        if pendingBegin != nil {
            pendingBegin = nil
            return value
        }
        try step(.commit) {
            // COMMIT of a transaction that already failed answers ROLLBACK instead of an error.
            if try query("COMMIT").commandTag == "ROLLBACK" {
                throw PostgresError(code: .server, serverMessage: "the transaction was rolled back by the server")
            }
        }
        return value
    }

    /// Runs `withTransaction` again when the server reports a serialization failure or deadlock,
    /// at most `attempts` times in all.
    public func withRetryingTransaction<T>(
        _ isolation: IsolationLevel = .readCommitted, attempts: Int = 3, _ body: (Connection) throws -> T
    ) throws -> T {
        var attempt = 1
        while true {
            do {
                return try withTransaction(isolation, body)
            } catch let error as PostgresError where error.isTransient && attempt < attempts {
                attempt += 1
            }
        }
    }

    /// Runs `body` under a savepoint inside the current transaction; a throw rolls back to it.
    public func withSavepoint<T>(_ body: (Connection) throws -> T) throws -> T {
        try executeScript("SAVEPOINT dsar_savepoint")
        do {
            let value = try body(self)
            try executeScript("RELEASE SAVEPOINT dsar_savepoint")
            return value
        } catch {
            try rollBack("ROLLBACK TO SAVEPOINT dsar_savepoint", because: error)
            throw error
        }
    }

    /// Undoes the body's work after `error`; when the undo fails too, that failure is thrown
    /// (step `.rollback`) and carries the body's error, so the caller learns both.
    private func rollBack(_ statement: String, because error: any Error) throws {
        if pendingBegin != nil {
            pendingBegin = nil
            return
        }
        do {
            try executeScript(statement)
        } catch var failure as PostgresError {
            failure.transactionStep = .rollback
            failure.rolledBackBecause = error
            throw failure
        }
    }

    private func step(_ step: PostgresError.TransactionStep, _ work: () throws -> Void) throws {
        do {
            try work()
        } catch var error as PostgresError {
            // After a failed COMMIT the server has already ended the transaction; the ROLLBACK
            // only clears an aborted one, and the COMMIT's error is the one to report.
            if step == .commit { try? executeScript("ROLLBACK") }
            error.transactionStep = step
            throw error
        }
    }
}
