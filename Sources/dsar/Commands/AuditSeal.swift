import ArgumentParser
import DeskCore
import DeskStore
import Foundation

extension Dsar.Audit {
    struct Seal: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "seal",
            abstract: "Seal the committed events not yet sealed (every write command does this too).",
            discussion: "Example:\n  dsar audit seal")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let session = try DeskSession.open(global)
            switch try AuditLog(session.db).seal(now: session.now) {
            case .busy: print("Another sealer is at work; it seals what is pending.")
            case .nothingToSeal: print("Nothing to seal: every event is sealed.")
            case .sealed(let events, let seals, let latest):
                print("Sealed \(events) events in \(seals) seal\(seals == 1 ? "" : "s"); \(latest)")
            }
        }
    }
}
