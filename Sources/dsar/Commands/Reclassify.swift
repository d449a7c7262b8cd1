import ArgumentParser
import DeskCore
import DeskStore

extension Dsar {
    /// `dsar reclassify REF --kind K`
    struct Reclassify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reclassify",
            abstract: "Correct the right of a request the intake created from mail, before work starts on it.",
            discussion: """
                For a request created from an email whose right was misread: the request takes the \
                right given, its due date is recomputed from receipt under that right's rule, and the \
                change is audited. The message is then a label the desk learns from (`dsar intake \
                train`). Refused (exit 4) once anything was done on the request — started, evidence \
                recorded, a letter other than the acknowledgement produced, extended, paused or a \
                clarification asked: close it and register the right request with `dsar new`.

                Example:
                  dsar reclassify DSAR-2026-000012 --kind erasure
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The request reference, e.g. DSAR-2026-000012.") var reference: String
        @Option(help: "The right the message asks for (access, rectification, erasure, restriction, portability, objection).")
        var kind: Right

        func run() throws {
            let session = try DeskSession.open(global)
            let request = try RequestStore(session.db).reclassify(reference, kind: kind, actor: session.actor, now: session.now)
            print("\(request.reference) is now a request for \(request.kind.rawValue), due \(request.dueOn.iso).")
        }
    }
}
