import DeskIntake
import Foundation
import MailIntake

/// A one-line progress bar on standard error for long imports: share of the input bytes read,
/// messages and messages per second. Used only when standard error is a terminal.
final class IntakeProgress: IntakeProgressReporting {
    private let totalBytes: UInt64
    private var doneBytes: UInt64 = 0
    private var messages = 0
    // Durations only, so the monotonic clock.
    private let clock = ContinuousClock()
    private let started = ContinuousClock.now
    private var lastDrawn: ContinuousClock.Instant?
    private var source = ""

    /// A bar for `paths`, or nil when standard error is not a terminal (SPEC §5, STYLE rule 9).
    static func forTerminal(paths: [String]) -> IntakeProgress? {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        return IntakeProgress(totalBytes: paths.reduce(0) { $0 + Self.size(of: $1) })
    }

    init(totalBytes: UInt64) { self.totalBytes = totalBytes }

    func startSource(_ path: String) {
        source = (path as NSString).lastPathComponent
    }

    func advance(bytes: UInt64) {
        doneBytes += bytes
        messages += 1
        let now = clock.now
        if lastDrawn.map({ $0.duration(to: now) >= .milliseconds(100) }) ?? true {
            lastDrawn = now
            draw(now)
        }
    }

    func finish() {
        guard messages > 0 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }

    private func draw(_ now: ContinuousClock.Instant) {
        let span = started.duration(to: now).components
        let elapsed = max(Double(span.seconds) + Double(span.attoseconds) / 1e18, 0.001)
        let rate = Int(Double(messages) / elapsed)
        let width = 30
        let fraction = totalBytes > 0 ? min(1, Double(doneBytes) / Double(totalBytes)) : 0
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let percent = totalBytes > 0 ? String(format: "%3d%%", Int(fraction * 100)) : "  ?%"
        let line = "\r\u{1B}[2K[\(bar)] \(percent)  \(messages) messages  \(rate) msg/s  \(source.prefix(40))"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Bytes of a file, or of the message files of a folder; 0 for stdin and anything unreadable.
    static func size(of path: String) -> UInt64 {
        guard path != "-", let status = FileStatus(path: path) else { return 0 }
        if status.kind != .directory { return status.size }
        return (try? MessageFolder(path: path))?.totalBytes ?? 0
    }
}
