import DeskCore
import DeskStore
public import Foundation
public import LetterDesk
public import Postgres

/// The letters of the sample `dsar demo` loads: an acknowledgement for each request still
/// received, and for each restriction its lift notice followed by the lift, so that every state
/// (including `lifted`) is present.
public struct SampleLetters {
    let db: Connection

    public init(_ db: Connection) { self.db = db }

    /// Produces the sample's letters for `references` (those `SampleDesk.load` returned); returns
    /// the first acknowledgement, which `dsar demo` prints as an example.
    public func produce(for references: [String], actor: String, now: Date) throws -> ProducedLetter? {
        let requests = RequestStore(db)
        let producer = try LetterProducer(db: db)
        var acknowledgement: ProducedLetter?
        for reference in references {
            guard try requests.find(reference).state == .received else { continue }
            let letter = try producer.produceInTransaction(
                named: "acknowledgement", for: reference, language: nil, format: .text, recipientName: nil,
                actor: actor, now: now)
            acknowledgement = acknowledgement ?? letter
        }
        for reference in references where try requests.find(reference).kind == .restriction {
            _ = try producer.produceInTransaction(
                named: "restriction_lift_notice", for: reference, language: nil, format: .text, recipientName: nil,
                actor: actor, now: now)
            _ = try requests.apply(.event(.lift), to: reference, actor: actor, occurredAt: now, now: now)
        }
        return acknowledgement
    }
}
