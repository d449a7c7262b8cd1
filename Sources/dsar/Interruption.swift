import Dispatch
import Foundation

/// SIGINT and SIGTERM as a flag: a long-running command (`intake fetch --every`) finishes the
/// batch it is on and exits 0 instead of dying halfway.
final class Interruption: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false
    private var sources: [any DispatchSourceSignal] = []

    /// Starts listening; the default handlers are replaced until the process ends.
    init() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [weak self] in self?.raise() }
            source.resume()
            sources.append(source)
        }
    }

    private func raise() {
        lock.lock()
        raised = true
        lock.unlock()
    }

    /// Whether a stop was asked for.
    var isRaised: Bool {
        lock.lock()
        defer { lock.unlock() }
        return raised
    }

    /// Sleeps up to `seconds`, waking early when a stop is asked for.
    func sleep(_ seconds: TimeInterval) {
        // A duration, so the monotonic clock: DSAR_NOW does not stop the wait.
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: .milliseconds(Int64(max(0, seconds) * 1000)))
        while !isRaised, clock.now < end {
            let left = clock.now.duration(to: end)
            Thread.sleep(forTimeInterval: min(0.2, max(0, Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18)))
        }
    }
}
