import ArgumentParser
import DeskCore
import DeskStore
import LetterDesk

extension Dsar {
    /// `dsar demo`
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load a small realistic sample: all six rights, four languages, every state.",
            discussion: """
                The sample is built through the real lifecycle, so every request has its audit trail. \
                Running it again on a desk that already holds requests changes nothing.

                Example:
                  dsar demo && dsar queue
                """)

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let session = try DeskSession.open(global)
            let references = try SampleDesk(session.db).load(actor: session.actor, now: session.now)
            guard let first = references.first else {
                print("The desk already holds requests; the sample was not loaded again.")
                return
            }
            // The letters of the sample: an acknowledgement for each request, and a restriction
            // lifted after its lift notice, so that every state is present.
            let producer = try LetterProducer(db: session.db)
            var acknowledgement: ProducedLetter?
            for reference in references {
                guard try session.requests.find(reference).state == .received else { continue }
                let letter = try producer.produceInTransaction(
                    named: "acknowledgement", for: reference, language: nil, format: .text, recipientName: nil,
                    actor: session.actor, now: session.now)
                acknowledgement = acknowledgement ?? letter
            }
            for reference in references where try session.requests.find(reference).kind == .restriction {
                _ = try producer.produceInTransaction(
                    named: "restriction_lift_notice", for: reference, language: nil, format: .text, recipientName: nil,
                    actor: session.actor, now: session.now)
                _ = try session.requests.apply(.event(.lift), to: reference, actor: session.actor, occurredAt: session.now, now: session.now)
            }
            print("Loaded \(references.count) sample requests: \(first) … \(references.last ?? first).")
            if let acknowledgement {
                print("\nOne of the letters (\(acknowledgement.letter.kind), verification code \(acknowledgement.letter.verificationCode)):\n")
                print(acknowledgement.content)
            }
        }
    }
}
