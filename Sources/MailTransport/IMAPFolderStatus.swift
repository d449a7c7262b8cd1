import Foundation

/// What `STATUS` says of a folder.
public struct IMAPFolderStatus: Sendable, Hashable {
    /// Changes when the server renumbers the folder's UIDs: every remembered UID is then void.
    public let uidValidity: UInt32
    /// The UID the next message will get.
    public let uidNext: UInt32
    /// Messages in the folder.
    public let messages: Int

    public init(uidValidity: UInt32, uidNext: UInt32, messages: Int) {
        self.uidValidity = uidValidity
        self.uidNext = uidNext
        self.messages = messages
    }

    /// Reads `* STATUS INBOX (MESSAGES 2 UIDNEXT 3 UIDVALIDITY 1796108075)`.
    static func parse(_ response: [UInt8]) -> IMAPFolderStatus? {
        let text = String(decoding: response, as: UTF8.self)
        guard let open = text.range(of: "(", options: .backwards) else { return nil }
        let items = text[open.upperBound...].split(whereSeparator: { $0 == " " || $0 == ")" || $0.isNewline })
        var values: [String: UInt32] = [:]
        var index = items.startIndex
        while index + 1 < items.endIndex {
            if let value = UInt32(items[index + 1]) { values[items[index].uppercased()] = value }
            index += 2
        }
        guard let validity = values["UIDVALIDITY"], let next = values["UIDNEXT"] else { return nil }
        return IMAPFolderStatus(uidValidity: validity, uidNext: next, messages: Int(values["MESSAGES"] ?? 0))
    }
}
