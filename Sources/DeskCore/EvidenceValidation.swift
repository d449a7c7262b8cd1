import Foundation

/// Small checks shared by the evidence types; each failure names the field.
enum EvidenceValidation {
    /// Nil, empty, or nothing but white space and line breaks (Unicode White_Space, what
    /// `CharacterSet.whitespacesAndNewlines` holds).
    static func isBlank(_ text: String?) -> Bool {
        (text ?? "").unicodeScalars.allSatisfy(\.properties.isWhitespace)
    }

    static func require(_ text: String?, _ field: DeskCoreError.EvidenceField) throws(DeskCoreError) {
        if isBlank(text) { throw DeskCoreError(.evidenceMissing(field)) }
    }

    static func requireList(_ items: [String], _ field: DeskCoreError.EvidenceField) throws(DeskCoreError) {
        if items.allSatisfy({ isBlank($0) }) { throw DeskCoreError(.evidenceListEmpty(field)) }
    }

    /// Whether `text` is a SHA-256 digest written as 64 hexadecimal digits.
    static func isSHA256Hex(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) || (65...70).contains($0) }
    }

    static func requireSHA256(_ text: String?, _ field: DeskCoreError.EvidenceField) throws(DeskCoreError) {
        guard let text, isSHA256Hex(text) else { throw DeskCoreError(.evidenceHashInvalid(field)) }
    }
}
