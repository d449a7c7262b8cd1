import ArgumentParser
import DeskProgram
import DeskStore
import Foundation
import Postgres

/// `dsar-bench claim-loops`
struct ClaimLoopsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claim-loops",
        abstract: "Concurrent claim + close loops until nothing is left to claim.",
        discussion: """
            Prints claims, closes, transitions (claims + closes: each an audited change), seconds, \
            transitions_per_second, double_claims (seen by the loops and in the audit log), conflicts, \
            left_unclaimed, audit_checked and audit_intact. Exits 1 when a loop failed, a request was \
            claimed twice or the audit chain is broken.

            Example:
              dsar-bench claim-loops --database-url "$URL" --loops 8
            """)

    @Option(help: "The database `prepare-claims` filled.") var databaseURL: String
    @Option(help: "Concurrent loops, one connection each (1–64).") var loops = 8

    func validate() throws {
        guard (1...64).contains(loops) else { throw ValidationError("--loops takes a whole number from 1 to 64.") }
    }

    func run() throws {
        let (result, seconds) = ClaimLoopDriver.run(databaseURL: databaseURL, loops: loops, clock: try DeskClock.clock())
        let db = try Connection(databaseURL)
        let (doubleAssigned, leftOpen) = try ClaimLoopDriver.check(db)
        let seenTwice = result.claimedIDs.count - Set(result.claimedIDs).count
        let audit = try AuditLog(db).verify()
        let transitions = result.claims + result.closes
        try BenchOutput.print([
            "loops": loops, "claims": result.claims, "closes": result.closes, "transitions": transitions,
            "seconds": seconds, "transitions_per_second": seconds > 0 ? Double(transitions) / seconds : 0,
            "double_claims": max(seenTwice, doubleAssigned), "conflicts": result.conflicts,
            "left_unclaimed": leftOpen, "failures": result.failures.count,
            "first_failure": result.failures.first ?? "", "audit_checked": audit.checked,
            "audit_intact": audit.firstBreak == nil,
        ])
        if !result.failures.isEmpty || seenTwice > 0 || doubleAssigned > 0 || audit.firstBreak != nil {
            throw ExitCode.failure
        }
    }
}
