import Foundation
import MailIntake

extension IntakeImporter {
    /// The batches of one source, read and assessed on a thread of their own at most two batches
    /// ahead of the caller (so memory stays bounded), in order.
    final class AssessedBatches: @unchecked Sendable {
        private let condition = NSCondition()
        private var ready: [[Pending]] = []
        private var finished = false
        private var abandoned = false  // set by cancel()
        private static let ahead = 2

        /// A value handed to the reading thread, which alone uses it from then on.
        private struct Handed<Value>: @unchecked Sendable { let value: Value }

        init(stream: any MessageStream, batchSize: Int, classifier: RightClassifier, limits: IntakeLimits) {
            let handed = Handed(value: stream)
            let thread = Thread { [self] in
                var items: [MailItem] = []
                items.reserveCapacity(batchSize)
                for item in MessageSequence(handed.value) {
                    items.append(item)
                    if items.count >= batchSize {
                        guard push(IntakeImporter.readAll(items, classifier: classifier, limits: limits)) else { return }
                        items.removeAll(keepingCapacity: true)
                    }
                }
                if !items.isEmpty { _ = push(IntakeImporter.readAll(items, classifier: classifier, limits: limits)) }
                condition.lock()
                finished = true
                condition.broadcast()
                condition.unlock()
            }
            thread.start()
        }

        /// Stops the reading thread (the caller stopped early, on an error).
        func cancel() {
            condition.lock()
            abandoned = true
            condition.broadcast()
            condition.unlock()
        }

        /// Hands a batch over, waiting while the caller is `ahead` batches behind; false once abandoned.
        private func push(_ batch: [Pending]) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            while ready.count >= Self.ahead && !abandoned { condition.wait() }
            guard !abandoned else { return false }
            ready.append(batch)
            condition.broadcast()
            return true
        }

        /// The next batch, or nil when the source is exhausted.
        func next() -> [Pending]? {
            condition.lock()
            defer { condition.unlock() }
            while ready.isEmpty && !finished { condition.wait() }
            guard !ready.isEmpty else { return nil }
            let batch = ready.removeFirst()
            condition.broadcast()
            return batch
        }
    }

}
