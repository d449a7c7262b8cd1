public import Foundation

/// One line of the erasure journal: where, what, how, by whom and when data was erased, and who
/// approved the entry for the operator (School 21 policy, seed 002 §11.4: "the fact of destruction
/// is recorded in a special journal approved by the operator").
public struct ErasureJournalEntry: Sendable, Hashable, Codable {
    public let system: String
    public let dataCategories: [String]
    public let method: String
    public let performedBy: String
    public let performedAt: Date
    /// Who approved the entry for the operator; nil on entries recorded before approvers were kept.
    public let approvedBy: String?

    /// Creates an erasure-journal entry.
    public init(system: String, dataCategories: [String], method: String, performedBy: String, performedAt: Date,
                approvedBy: String? = nil) {
        self.system = system
        self.dataCategories = dataCategories
        self.method = method
        self.performedBy = performedBy
        self.performedAt = performedAt
        self.approvedBy = approvedBy
    }

    /// Throws when a field is empty.
    public func validate() throws(DeskCoreError) {
        try EvidenceValidation.require(system, .erasedSystem)
        try EvidenceValidation.requireList(dataCategories, .dataCategory)
        try EvidenceValidation.require(method, .erasureMethod)
        try EvidenceValidation.require(performedBy, .erasurePerformer)
        if let approvedBy { try EvidenceValidation.require(approvedBy, .erasureApprover) }
    }

    private enum CodingKeys: String, CodingKey {
        case system, method
        case dataCategories = "data_categories"
        case performedBy = "performed_by"
        case performedAt = "performed_at"
        case approvedBy = "approved_by"
    }
}
