public import DeskCore

extension RequestStore {
    /// The period an extension of `reference` by `length` means under the request's policy: a
    /// bare number counts in the unit of the policy's cap. Refused when the number is bare and
    /// the policy allows no extension for the request's right.
    public func extensionPeriod(of reference: String, by length: ExtensionLength) throws -> Period {
        let request = try find(reference)
        let rule = try catalog.load(request.policy).policy.rule(for: request.kind, consentWithdrawal: request.consentWithdrawal)
        guard let period = length.period(under: rule) else {
            throw StoreError(.extensionNotAllowed, reference: request.reference, right: request.kind, policy: request.policy)
        }
        return period
    }
}
