import Foundation

/// One line of the erasure journal: where, what, how, by whom and when data was erased.
public struct ErasureJournalEntry: Sendable, Hashable, Codable {
    public let system: String
    public let dataCategories: [String]
    public let method: String
    public let performedBy: String
    public let performedAt: Date

    /// Creates an erasure-journal entry.
    public init(system: String, dataCategories: [String], method: String, performedBy: String, performedAt: Date) {
        self.system = system
        self.dataCategories = dataCategories
        self.method = method
        self.performedBy = performedBy
        self.performedAt = performedAt
    }

    /// Throws when a field is empty.
    public func validate() throws(DeskCoreError) {
        try EvidenceValidation.require(system, "system the data was erased from")
        try EvidenceValidation.requireList(dataCategories, "data category")
        try EvidenceValidation.require(method, "erasure method")
        try EvidenceValidation.require(performedBy, "name of who performed the erasure")
    }

    private enum CodingKeys: String, CodingKey {
        case system, method
        case dataCategories = "data_categories"
        case performedBy = "performed_by"
        case performedAt = "performed_at"
    }
}
