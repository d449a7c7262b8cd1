import DeskCore
import DeskStore
import Letters

/// Which letter fits which request (SPEC §3, §6): a fulfilled letter only for a fulfilled
/// request of the same right, an identity request only before identity is settled, and so on.
///
/// Kept as data: the states each letter may be written in, and the rights it applies to.
enum LetterEligibility {
    struct Rule {
        var states: Set<RequestState>
        var rights: Set<Right>? = nil
    }

    static let open = Set(RequestState.open)

    static let rules: [LetterKind: Rule] = {
        var rules: [LetterKind: Rule] = [
            .acknowledgement: Rule(states: open),
            .identityRequest: Rule(states: [.received, .awaitingIdentity]),
            .clarificationRequest: Rule(states: [.inProgress, .awaitingRequester]),
            .extensionNotice: Rule(states: open),
            .partiallyFulfilled: Rule(states: [.partiallyFulfilled]),
            .withdrawalConfirmation: Rule(states: [.withdrawn]),
            .restrictionLiftNotice: Rule(states: [.fulfilled, .lifted], rights: [.restriction]),
            .recipientNotification: Rule(
                states: Set(RequestState.allCases), rights: [.rectification, .erasure, .restriction]),
            .notConsidered: Rule(states: [.received, .refused]),
            .statusReply: Rule(states: Set(RequestState.allCases)),
            .closureNoReply: Rule(states: [.awaitingRequester, .refused, .withdrawn]),
        ]
        for right in Right.allCases {
            rules[.fulfilled(right)] = Rule(states: right == .restriction ? [.fulfilled, .lifted] : [.fulfilled], rights: [right])
        }
        for ground in RefusalGround.allCases {
            rules[.refusal(ground: ground)] = Rule(states: [.refused])
        }
        return rules
    }()

    /// Throws `refused` (exit 4) when `kind` does not fit the request's state, right or ground.
    static func check(_ kind: LetterKind, for request: StoredRequest) throws {
        guard let rule = rules[kind] else { return }
        if let rights = rule.rights, !rights.contains(request.kind) {
            throw StoreError(.letterNotForRight, reference: request.reference, right: request.kind, name: kind.rawValue)
        }
        guard rule.states.contains(request.state) else {
            let states = rule.states.map(\.rawValue).sorted().joined(separator: " or ")
            throw StoreError(.letterNotInState, reference: request.reference, state: request.state, name: kind.rawValue, detail: states)
        }
        if let ground = request.ground, kind.rawValue.hasPrefix("refusal_"), kind != .refusal(ground: ground) {
            throw StoreError(
                .letterWrongGround, reference: request.reference, name: kind.rawValue, value: ground.rawValue,
                detail: LetterKind.refusal(ground: ground).rawValue)
        }
    }
}
