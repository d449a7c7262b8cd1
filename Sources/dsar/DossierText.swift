import DeskCore
import DeskProgram
import DeskStore
import Foundation

/// The human screen of `dsar show`.
enum DossierText {
    static func render(_ dossier: RequestDossier) -> String {
        let request = dossier.request
        let zone = InstantParser.deskTimeZone
        var lines: [String] = []
        lines.append(Terminal.paint("\(request.reference)  \(request.kind.rawValue)  \(request.state.rawValue)", .bold))
        var requester = "Requester:  \(request.requester.name)"
        if let email = request.requester.email { requester += " <\(email)>" }
        if let phone = request.requester.phone { requester += ", \(phone)" }
        lines.append(requester + "  [\(request.requester.language.rawValue)]")
        lines.append("Policy:     \(request.policy) — \(dossier.policyName); deadline: \(dossier.legalSource)")
        lines.append("Channel:    \(request.channel.rawValue)   Case: \(request.caseID)   Assignee: \(request.assignee ?? "—")")
        lines.append("Received:   \(Format.instant(request.receivedAt, zone))")
        if request.state.isClosed {
            var closed = "Closed:     \(request.closedAt.map { Format.instant($0, zone) } ?? "—")"
            if let ground = request.ground { closed += " (ground: \(ground.rawValue))" }
            lines.append(closed)
            lines.append("Due:        \(request.dueOn.iso)")
        } else {
            var due = "Due:        \(request.dueOn.iso) (\(Format.daysLeft(dossier.daysLeft)))"
            if request.isPaused { due += " — clock paused" }
            lines.append(due)
        }
        if let extended = request.extendedBy { lines.append("Extended:   by \(extended) (originally due \(request.originalDueOn.iso))") }
        if let details = request.details { lines.append("Details:    \(details)") }
        if let note = request.closeNote { lines.append("Note:       \(note)") }

        if dossier.dueHistory.count > 1 {
            lines.append("")
            lines.append(Terminal.paint("Due date history", .bold))
            for item in dossier.dueHistory { lines.append("  \(Format.instant(item.at, zone))  → \(item.dueOn)") }
        }
        lines.append("")
        lines.append(Terminal.paint("Timeline", .bold))
        for event in dossier.events {
            var line = "  \(Format.instant(event.occurredAt, zone))  \(event.event)"
            if let from = event.fromState, let to = event.toState, from != to { line += " (\(from.rawValue) → \(to.rawValue))" }
            line += "  by \(event.actor)"
            if abs(event.recordedAt.timeIntervalSince(event.occurredAt)) > 3600 {
                line += "  [recorded \(Format.instant(event.recordedAt, zone))]"
            }
            lines.append(line)
        }
        if !dossier.extensions.isEmpty {
            lines.append("")
            lines.append(Terminal.paint("Extensions", .bold))
            for item in dossier.extensions { lines.append("  \(Format.instant(item.grantedAt, zone))  +\(item.period): \(item.reason)") }
        }
        lines.append("")
        lines.append(Terminal.paint("Evidence", .bold))
        if dossier.evidence.isEmpty { lines.append("  none recorded") }
        for item in dossier.evidence {
            lines.append("  #\(item.id) \(item.kind.rawValue)  \(Format.instant(item.occurredAt, zone))  by \(item.recordedBy)  \(item.details)")
        }
        lines.append("")
        lines.append(Terminal.paint("Letters", .bold))
        if dossier.letters.isEmpty { lines.append("  none") }
        for letter in dossier.letters {
            lines.append("  \(Format.instant(letter.producedAt, zone))  \(letter.kind) [\(letter.language), \(letter.format)]  code \(letter.verificationCode)")
        }
        lines.append("")
        lines.append(Terminal.paint("Messages", .bold))
        if dossier.messages.isEmpty { lines.append("  none") }
        for message in dossier.messages {
            let when = Format.instant(message.sentAt ?? message.importedAt, zone)
            lines.append("  \(when)  \(message.status)  \(message.fromEmail ?? "")  \(message.subject ?? "")")
        }
        return lines.joined(separator: "\n")
    }
}
