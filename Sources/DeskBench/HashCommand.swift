import ArgumentParser
import DeskCore
import Foundation

/// `dsar-bench sha256`: the audit log's hashing with swift-crypto against the plain Swift SHA-256.
struct HashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sha256",
        abstract: "Hash audit events' canonical content with swift-crypto (BoringSSL) and with DeskCore's plain Swift SHA-256.",
        discussion: """
            Prints events, bytes, crypto_seconds, software_seconds and software_over_crypto (how many times \
            slower the plain Swift digest is). Issue 15 keeps the plain one only if that ratio is at most 1.2.

            Example:
              dsar-bench sha256 --events 1000000
            """)

    @Option(help: "How many synthetic events to hash (1–10,000,000).") var events = 1_000_000

    func validate() throws {
        guard (1...10_000_000).contains(events) else { throw ValidationError("--events takes a whole number from 1 to 10000000.") }
    }

    func run() throws {
        let at = Date(timeIntervalSince1970: 1_795_000_000)
        // One realistic input per event: the previous hash and the canonical content (about 330 bytes).
        var inputs: [[UInt8]] = []
        inputs.reserveCapacity(min(events, 100_000))
        for i in 0..<min(events, 100_000) {
            let entry = AuditEntry.chained(
                .transition(.closeRefused, from: .inProgress, to: .refused, dueOn: LocalDate(daysSinceEpoch: 20_800 + i % 300),
                            previousDueOn: nil, ground: .manifestlyUnfounded),
                sequence: Int64(i + 1), requestID: Int64(i + 1), chainPosition: 3, prevHash: AuditEntry.genesisHash,
                occurredAt: at, recordedAt: at, actor: "bench-\(i % 8)")
            inputs.append(Array((entry.prevHash + entry.canonicalContent).utf8))
        }
        let bytes = (0..<events).reduce(0) { $0 + inputs[$1 % inputs.count].count }
        var sink: UInt8 = 0
        let crypto = ContinuousClock.now
        for i in 0..<events { sink ^= SHA256.digest(inputs[i % inputs.count])[0] }
        let cryptoSeconds = BenchOutput.seconds(since: crypto)
        let software = ContinuousClock.now
        for i in 0..<events { sink ^= SHA256.softwareDigest(inputs[i % inputs.count])[0] }
        let softwareSeconds = BenchOutput.seconds(since: software)
        try BenchOutput.print([
            "events": events, "bytes": bytes, "crypto_seconds": cryptoSeconds, "software_seconds": softwareSeconds,
            "software_over_crypto": cryptoSeconds > 0 ? softwareSeconds / cryptoSeconds : 0, "sink": Int(sink),
        ])
    }
}
