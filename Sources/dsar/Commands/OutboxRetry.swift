import ArgumentParser
import DeskStore
import LetterDesk

extension Dsar.Outbox {
    /// `dsar outbox retry ID`
    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retry",
            abstract: "Put a failed, bounced, uncertain or cancelled letter back in the queue, due now.",
            discussion: "Example:\n  dsar outbox retry 12 && dsar outbox send 12")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The outbox id.")
        var id: Int64

        func run() throws {
            let session = try DeskSession.open(global)
            let entry = try OutboxService(db: session.db).retry(id, now: session.now)
            print("\(entry.id) \(entry.reference): queued again; `dsar outbox send \(entry.id)` sends it.")
        }
    }

    /// `dsar outbox cancel ID`
    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel",
            abstract: "Take a letter that has not gone out out of the outbox (queued, failed or uncertain).",
            discussion: "Example:\n  dsar outbox cancel 12")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The outbox id.")
        var id: Int64

        func run() throws {
            let session = try DeskSession.open(global)
            let entry = try OutboxService(db: session.db).cancel(id)
            print("\(entry.id) \(entry.reference): cancelled; it will not be sent.")
        }
    }

    /// `dsar outbox mark-sent ID`
    struct MarkSent: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mark-sent",
            abstract: "Record that an uncertain letter did go out (you checked the server's log or the Sent folder).",
            discussion: "Example:\n  dsar outbox mark-sent 12")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The outbox id.")
        var id: Int64

        func run() throws {
            let session = try DeskSession.open(global)
            let entry = try OutboxService(db: session.db).markSent(id, actor: session.actor, now: session.now)
            print("\(entry.id) \(entry.reference): marked sent by \(session.actor).")
        }
    }
}
