public import DeskStore
import Foundation
public import Postgres

/// A few libpq connections for the portal's handlers. libpq blocks, so each use runs on a
/// dispatch queue, not on the threads of Swift concurrency that serve the HTTP connections;
/// a connection that failed is dropped and a fresh one opened on the next use.
public final class ConnectionPool: @unchecked Sendable {
    let target: DatabaseTarget
    let size: Int
    private let lock = NSLock()
    private var idle: [Connection] = []
    private var open = 0
    private let available: DispatchSemaphore
    private let queue = DispatchQueue(label: "dsar.portal.db", attributes: .concurrent)

    public init(target: DatabaseTarget, size: Int = 4) {
        self.target = target
        self.size = max(1, size)
        available = DispatchSemaphore(value: max(1, size))
    }

    /// Runs `body` with a connection of its own.
    public func withConnection<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try self.run(body) })
            }
        }
    }

    private func run<T>(_ body: (Connection) throws -> T) throws -> T {
        available.wait()
        defer { available.signal() }
        let connection = try take()
        do {
            let result = try body(connection)
            give(connection)
            return result
        } catch let error as PostgresError where error.isConnectionProblem {
            drop()
            throw error
        } catch {
            give(connection)
            throw error
        }
    }

    private func take() throws -> Connection {
        lock.lock()
        if let connection = idle.popLast() {
            lock.unlock()
            return connection
        }
        open += 1
        lock.unlock()
        do {
            return try target.connect()
        } catch {
            drop()
            throw error
        }
    }

    private func give(_ connection: Connection) {
        lock.lock()
        idle.append(connection)
        lock.unlock()
    }

    private func drop() {
        lock.lock()
        open -= 1
        lock.unlock()
    }
}
