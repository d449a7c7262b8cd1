import ArgumentParser
import DeskCore
import DeskProgram
import Foundation

/// The fields of `dsar record`, turned into one typed `Evidence` value.
struct EvidenceOptions: ParsableArguments {
    @Option(help: "disclosure/export: the file given to the requester (its SHA-256 is computed when the file exists).")
    var path: String?
    @Option(help: "disclosure: what was disclosed, when there is no file (e.g. a paper copy).") var description: String?
    @Option(help: "disclosure/export: the SHA-256 of the file, 64 hex digits.") var sha256: String?
    @Option(help: "change: the field that was corrected.") var field: String?
    @Option(help: "change: a summary of the new value (never the old, wrong value).") var summary: String?
    @Option(help: "erasure: the system the data was erased from.") var system: String?
    @Option(help: "erasure: data categories, comma-separated.") var categories: String?
    @Option(help: "erasure: how (deleted, anonymised, destroyed…).") var method: String?
    @Option(help: "erasure: who performed it (default: the actor).") var performedBy: String?
    @Option(help: "erasure: when it was performed (ISO 8601; default: the --at time).") var performedAt: String?
    @Option(help: "erasure: who approved the journal entry for the operator (required).") var approvedBy: String?
    @Option(help: "restriction: systems restricted, comma-separated.") var systems: String?
    @Option(help: "restriction/decision: purposes restricted or stopped, comma-separated.") var purposes: String?
    @Option(help: "export: json or csv.") var format: String?
    @Option(help: "decision: processing_stopped or overridden.") var decision: String?
    @Option(help: "decision: the compelling legitimate grounds when overridden.") var grounds: String?
    @Option(help: "decision on a withdrawal of consent: the law and period that require keeping the data instead of destroying it.")
    var retentionGround: String?
    @Option(help: "recipient: who was notified (a third party that received the data).") var recipient: String?
    @Option(help: "recipient: what they were told.") var what: String?
    @Option(help: "no-recipients/no-data-held: a note for the record.") var note: String?

    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Checks every free-text field for length and control characters.
    func validateText() throws {
        let fields: [(String?, String)] = [
            (path, "--path"), (description, "--description"), (field, "--field"), (summary, "--summary"),
            (system, "--system"), (categories, "--categories"), (method, "--method"), (performedBy, "--performed-by"), (approvedBy, "--approved-by"),
            (systems, "--systems"), (purposes, "--purposes"), (grounds, "--grounds"), (retentionGround, "--retention-ground"), (recipient, "--recipient"),
            (what, "--what"), (note, "--note"),
        ]
        for (value, option) in fields { if let value { try InputRules.checkText(value, option: option) } }
    }

    /// Builds the evidence of `kind`; DeskCore validates the fields afterwards.
    func evidence(_ kind: EvidenceKind, actor: String, occurredAt: Date, now: Date) throws -> Evidence {
        switch kind {
        case .disclosure:
            return .disclosure(Disclosure(path: path, description: description, sha256: try digest()))
        case .change:
            return .change(Change(field: field ?? "", newValueSummary: summary ?? ""))
        case .erasure:
            guard let approvedBy, !approvedBy.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("erasure needs --approved-by: who approved the journal entry for the operator (the journal is approved by the operator).")
            }
            let performed = try performedAt.map { try InstantParser.recordingInstant($0, now: now, option: "--performed-at") } ?? occurredAt
            return .erasure(ErasureJournalEntry(
                system: system ?? "", dataCategories: Self.list(categories), method: method ?? "",
                performedBy: performedBy ?? actor, performedAt: performed, approvedBy: approvedBy))
        case .restriction:
            return .restriction(RestrictionScope(systems: Self.list(systems), purposes: Self.list(purposes)))
        case .export:
            guard let format, let exportFormat = ExportFormat(rawValue: format.lowercased()) else {
                throw ValidationError("export needs --format json or --format csv.")
            }
            return .export(ExportArtefact(format: exportFormat, path: path ?? "", sha256: try digest() ?? ""))
        case .decision:
            guard let decision, let outcome = ObjectionOutcome(rawValue: decision) else {
                throw ValidationError("decision needs --decision processing_stopped or --decision overridden.")
            }
            return .decision(ObjectionDecision(outcome: outcome, purposes: Self.list(purposes), grounds: grounds,
                                               retentionGround: retentionGround))
        case .recipient:
            return .recipient(RecipientNotification(recipient: recipient ?? "", whatWasNotified: what ?? ""))
        case .noRecipients:
            return .noRecipients(note: note)
        case .noDataHeld:
            return .noDataHeld(note: note)
        }
    }

    /// The given SHA-256, else the digest of the file at --path when it exists.
    private func digest() throws -> String? {
        if let sha256 { return sha256.lowercased() }
        guard let path, FileManager.default.isReadableFile(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return SHA256.hex([UInt8](data))
    }
}
