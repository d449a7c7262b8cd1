import Foundation

/// Runs three stages over a list of items, each in item order and on its own thread: `first` on
/// one thread, `second` on its results on another, `consume` on the calling thread; each stage at
/// most `depth` items ahead of the next. Used by the synthetic generator to plan and number the
/// next batch and encode the one before in Swift while PostgreSQL loads the one before that.
///
/// An error from any stage stops all three; the threads have ended when `run` returns.
enum SyntheticPipeline {
    /// A bounded queue between two stages, in order; `close` wakes everyone waiting.
    private final class Channel<Element>: @unchecked Sendable {
        private let condition = NSCondition()
        private var items: [Element] = []
        private let capacity: Int
        private var closed = false
        private var finished = false

        init(capacity: Int) { self.capacity = max(capacity, 1) }

        /// False when the channel was closed: the producer stops.
        func put(_ item: Element) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            while items.count >= capacity && !closed { condition.wait() }
            if closed { return false }
            items.append(item)
            condition.broadcast()
            return true
        }

        /// The next item; nil once the producer finished and everything was taken, or on close.
        func take() -> Element? {
            condition.lock()
            defer { condition.unlock() }
            while items.isEmpty && !finished && !closed { condition.wait() }
            if closed || items.isEmpty { return nil }
            // At most `capacity` items wait: taking the first moves the others along.
            let item = items.removeFirst()
            condition.broadcast()
            return item
        }

        /// The producer will put nothing more.
        func finish() {
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }

        func close() {
            condition.lock()
            closed = true
            condition.broadcast()
            condition.unlock()
        }
    }

    struct Interrupted: Error {}

    private final class Work<Item, Middle, Output>: @unchecked Sendable {
        let items: [Item]
        let first: (Item) throws -> Middle
        let second: (Item, Middle) throws -> Output
        let middles: Channel<(Int, Result<Middle, any Error>)>
        let outputs: Channel<Result<Output, any Error>>
        let done = DispatchGroup()

        init(items: [Item], depth: Int, first: @escaping (Item) throws -> Middle, second: @escaping (Item, Middle) throws -> Output) {
            self.items = items
            self.first = first
            self.second = second
            middles = Channel(capacity: depth)
            outputs = Channel(capacity: depth)
        }

        func firstLoop() {
            defer { middles.finish() }
            for index in items.indices {
                let result = Result { try first(items[index]) }
                guard middles.put((index, result)) else { return }
                if case .failure = result { return }
            }
        }

        func secondLoop() {
            defer { outputs.finish() }
            while let (index, middle) = middles.take() {
                let result = middle.flatMap { value in Result { try second(items[index], value) } }
                guard outputs.put(result) else { return }
                if case .failure = result { return }
            }
        }

        func start(_ body: @escaping @Sendable () -> Void) {
            done.enter()
            let thread = Thread { [done] in
                body()
                done.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }

        func stop() {
            middles.close()
            outputs.close()
            done.wait()
        }
    }

    static func run<Item, Middle, Output>(
        _ items: [Item], depth: Int = 2, first: @escaping (Item) throws -> Middle,
        second: @escaping (Item, Middle) throws -> Output, consume: (Item, Output) throws -> Void
    ) throws {
        let work = Work(items: items, depth: depth, first: first, second: second)
        work.start { work.firstLoop() }
        work.start { work.secondLoop() }
        defer { work.stop() }
        for item in items {
            guard let result = work.outputs.take() else { throw Interrupted() }
            try consume(item, try result.get())
        }
    }
}
