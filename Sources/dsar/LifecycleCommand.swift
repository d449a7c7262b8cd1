import DeskCore
import DeskStore

/// The shared run of the lifecycle commands (`start`, `identity`, `clarify`, …): apply one action
/// through the store and print what changed.
enum LifecycleCommand {
    static func run(_ action: LifecycleAction, reference: String, global: GlobalOptions, at: String?) throws {
        let session = try DeskSession.open(global)
        let applied = try session.requests.apply(
            action, to: reference, actor: session.actor, occurredAt: try session.occurredAt(at), now: session.now)
        let request = applied.request
        var line = "\(request.reference): \(applied.outcome.from.rawValue) → \(applied.outcome.to.rawValue)"
        if request.state.isClosed {
            line += " (closed)"
        } else {
            line += ", due \(request.dueOn.iso)"
            if request.isPaused { line += ", clock paused" }
            if let extended = request.extendedBy { line += ", extended by \(extended)" }
        }
        print(line)
    }
}
