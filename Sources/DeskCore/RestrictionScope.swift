/// What processing was restricted: the systems and/or purposes concerned.
public struct RestrictionScope: Sendable, Hashable, Codable {
    public let systems: [String]
    public let purposes: [String]

    /// Creates a restriction scope.
    public init(systems: [String] = [], purposes: [String] = []) {
        self.systems = systems
        self.purposes = purposes
    }

    /// Throws when neither a system nor a purpose is named.
    public func validate() throws(DeskCoreError) {
        if (systems + purposes).allSatisfy({ EvidenceValidation.isBlank($0) }) {
            throw DeskCoreError(.restrictionScopeEmpty)
        }
    }
}
