/// A correction made for a rectification request: the field and a summary of its new value.
///
/// Never record the old, wrong value: the evidence must not repeat the inaccuracy.
public struct Change: Sendable, Hashable, Codable {
    public let field: String
    public let newValueSummary: String

    /// Creates a change record.
    public init(field: String, newValueSummary: String) {
        self.field = field
        self.newValueSummary = newValueSummary
    }

    /// Throws when the field or the summary is empty.
    public func validate() throws(DeskCoreError) {
        try EvidenceValidation.require(field, .changedField)
        try EvidenceValidation.require(newValueSummary, .newValueSummary)
    }

    private enum CodingKeys: String, CodingKey {
        case field
        case newValueSummary = "new_value_summary"
    }
}
