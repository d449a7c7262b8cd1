import Foundation

/// Runs `produce` for each item on a second thread, at most `depth` items ahead, while the
/// calling thread runs `consume` on the items already produced, in order. Used by the synthetic
/// generator to encode the next batch in Swift while PostgreSQL loads the previous one.
///
/// An error from either side stops both; the producer thread has ended when `run` returns.
enum SyntheticPipeline {
    private final class Shared<Item, Output>: @unchecked Sendable {
        let items: [Item]
        let produce: (Item) throws -> Output
        let ready: [DispatchSemaphore]
        var results: [Result<Output, Error>?]
        let room: DispatchSemaphore
        let finished = DispatchSemaphore(value: 0)
        let lock = NSLock()
        private var stopped = false

        init(items: [Item], depth: Int, produce: @escaping (Item) throws -> Output) {
            self.items = items
            self.produce = produce
            ready = items.map { _ in DispatchSemaphore(value: 0) }
            results = Array(repeating: nil, count: items.count)
            // Created at zero and raised: libdispatch refuses to free a semaphore left below
            // the value it was created with.
            room = DispatchSemaphore(value: 0)
            for _ in 0..<max(depth, 1) { room.signal() }
        }

        var isStopped: Bool {
            lock.lock(); defer { lock.unlock() }
            return stopped
        }

        func stop() {
            lock.lock(); stopped = true; lock.unlock()
            room.signal()
        }

        func take(_ index: Int) -> Result<Output, Error>? {
            lock.lock(); defer { lock.unlock() }
            let result = results[index]
            results[index] = nil
            return result
        }

        func put(_ index: Int, _ result: Result<Output, Error>) {
            lock.lock(); results[index] = result; lock.unlock()
        }

        func producerLoop() {
            for index in items.indices {
                room.wait()
                if isStopped { break }
                let result = Result { try produce(items[index]) }
                put(index, result)
                ready[index].signal()
                if case .failure = result { break }
            }
            finished.signal()
        }
    }

    struct Interrupted: Error {}

    static func run<Item, Output>(
        _ items: [Item], depth: Int = 2, produce: @escaping (Item) throws -> Output, consume: (Item, Output) throws -> Void
    ) throws {
        let shared = Shared(items: items, depth: depth, produce: produce)
        let thread = Thread { shared.producerLoop() }
        thread.stackSize = 8 << 20
        thread.start()
        defer {
            shared.stop()
            shared.finished.wait()
        }
        for index in items.indices {
            shared.ready[index].wait()
            guard let result = shared.take(index) else { throw Interrupted() }
            let output = try result.get()
            shared.room.signal()
            try consume(items[index], output)
        }
    }
}
