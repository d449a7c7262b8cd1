import ArgumentParser
import DeskCore
import DeskStore

/// The filters of `dsar queue`.
struct QueueOptions: ParsableArguments {
    @Option(help: "Only requests in this state (received, awaiting_identity, in_progress, awaiting_requester).")
    var state: String?
    @Option(help: "Only requests for this right (access, rectification, erasure, restriction, portability, objection).")
    var kind: String?
    @Option(help: ArgumentHelp("Only requests assigned to this desk member.", valueName: "user"))
    var assignee: String?
    @Flag(help: "Only requests assigned to the actor.")
    var mine = false
    @Flag(help: "Only requests nobody has taken yet.")
    var unassigned = false
    @Flag(help: "Only requests past their due date.")
    var overdue = false
    @Option(name: .customLong("due-within"), help: ArgumentHelp("Only requests due within N working days (overdue included).", valueName: "N"))
    var dueWithin: Int?
    @Option(help: "Only requests under this policy (uz, uz-state, gdpr, ru, …).")
    var policy: String?
    @Option(help: ArgumentHelp("Show at most N requests.", valueName: "N"))
    var limit = 50

    func validate() throws {
        if let state {
            guard let parsed = RequestState(rawValue: state), !parsed.isClosed else {
                throw ValidationError("--state \(state.prefix(40)) is not an open state; use one of \(RequestState.open.map(\.rawValue).joined(separator: ", ")).")
            }
        }
        if let kind, Right(rawValue: kind) == nil {
            throw ValidationError("--kind \(kind.prefix(40)) is not a right; use one of \(Right.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        if [assignee != nil, mine, unassigned].filter({ $0 }).count > 1 {
            throw ValidationError("Use only one of --assignee, --mine and --unassigned.")
        }
        if let assignee { try InputRules.checkName(assignee, option: "--assignee") }
        if let dueWithin, !(0...365).contains(dueWithin) {
            throw ValidationError("--due-within must be between 0 and 365 working days.")
        }
        if !(1...10_000).contains(limit) { throw ValidationError("--limit must be between 1 and 10000.") }
        if let policy { try InputRules.checkName(policy, option: "--policy") }
    }

    /// The filter for the store; `--mine` means `actor`.
    func filter(actor: String) -> QueueFilter {
        var who = QueueFilter.Assignee.anyone
        if let assignee { who = .person(assignee) }
        if mine { who = .person(actor) }
        if unassigned { who = .nobody }
        return QueueFilter(
            state: state.flatMap(RequestState.init(rawValue:)), kind: kind.flatMap(Right.init(rawValue:)),
            assignee: who, policy: policy, overdueOnly: overdue, dueWithinWorkingDays: dueWithin, limit: limit)
    }
}
