public import DeskCore
public import Foundation
public import Postgres

/// The desk's settings (organisation, DPO, mail domain, authority names) in the `settings` table.
///
/// Only known keys can be set, so a typo is caught at once instead of leaving a letter without
/// the organisation's name. Changes are audited by key only: values may name people.
public struct SettingsStore {
    /// One setting the desk knows, with what it is for and how its value is checked.
    public struct Key: Sendable, Hashable {
        public let name: String
        public let meaning: String
        let check: Check

        enum Check: Sendable, Hashable {
            case text, email, domain, positiveInteger, timeZone, smtpURL, onOff, path
        }
    }

    /// One stored value.
    public struct Setting: Sendable, Hashable {
        public let key: String
        public let value: String
        public let updatedAt: Date
        public let updatedBy: String
    }

    /// Every key the desk understands, in the order `dsar settings list` shows them.
    public static let knownKeys: [Key] = [
        Key(name: "organisation.name", meaning: "the organisation's name, in letters and as the sender", check: .text),
        Key(name: "organisation.address", meaning: "the organisation's postal address, in letters", check: .text),
        Key(name: "dpo.name", meaning: "the data protection officer who signs letters", check: .text),
        Key(name: "dpo.email", meaning: "the DPO's e-mail address, the sender of .eml letters", check: .email),
        Key(name: "dpo.phone", meaning: "the DPO's telephone number (optional)", check: .text),
        Key(name: "mail.domain", meaning: "the domain of Message-IDs of letters sent (else the DPO's e-mail domain)", check: .domain),
        Key(name: "mail.smtp_url", meaning: "the SMTP server letters are sent through, e.g. smtps://dpo@mail.example.uz (password: DSAR_SMTP_PASSWORD or ~/.netrc)", check: .smtpURL),
        Key(name: "mail.auto_send", meaning: "on: letters of identity requests, clarifications, extensions and acknowledgements go to the outbox by themselves", check: .onOff),
        Key(name: "mail.ca_file", meaning: "a PEM file of CA certificates to trust for IMAP and SMTP instead of the system's", check: .path),
        Key(name: "desk.time_zone", meaning: "the desk's time zone", check: .timeZone),
        Key(name: "retention.years", meaning: "years requester data is kept after closing", check: .positiveInteger),
        Key(name: "clarification.wait_days", meaning: "days the desk waits for an answer to a clarification before closing (default 30)",
            check: .positiveInteger),
        Key(name: "backup.overwrite_days", meaning: "days until backups holding erased data are overwritten (the erasure letter states the date)",
            check: .positiveInteger),
        Key(name: "portal.public_url", meaning: "the portal's public address, printed on letters for verification (https://privacy.example.uz)", check: .text),
    ] + Language.allCases.map { language in
        Key(name: authorityKey(language), meaning: "the supervisory authority's name in \(language.rawValue) letters (overrides the policy's)", check: .text)
    }

    /// The settings a letter to a requester cannot do without.
    public static let requiredForLetters = ["organisation.name", "organisation.address", "dpo.name", "dpo.email"]

    /// Which of `requiredForLetters` are unset or empty in `settings` (none: letters can be written).
    public static func missingForLetters(in settings: [String: String]) -> [String] {
        requiredForLetters.filter { (settings[$0] ?? "").isEmpty }
    }

    /// `authority.uz`, `authority.uz_cyrl`, `authority.ru`, `authority.en` (keys are lowercase);
    /// with a policy, `authority.<policy>.<lang>` (`authority.uz_state.ru`) for that policy only.
    public static func authorityKey(_ language: Language, policy: String? = nil) -> String {
        let lang = language.rawValue.lowercased().replacingOccurrences(of: "-", with: "_")
        guard let policy else { return "authority." + lang }
        return "authority." + policy.replacingOccurrences(of: "-", with: "_") + "." + lang
    }

    /// The per-policy authority key `authority.<policy>.<lang>`, when `name` is one.
    static func policyAuthorityKey(_ name: String) -> Key? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "authority", !parts[1].isEmpty, parts[1].count <= 32,
            parts[1].allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }),
            let language = Language.allCases.first(where: { authorityKey($0) == "authority.\(parts[2])" })
        else { return nil }
        return Key(name: name, meaning: "the supervisory authority's name in \(language.rawValue) letters of one policy", check: .text)
    }

    let db: Connection

    public init(_ db: Connection) { self.db = db }

    /// The known key named `name`, or `invalidInput` listing the known keys.
    public static func key(_ name: String) throws -> Key {
        guard let key = knownKeys.first(where: { $0.name == name }) ?? policyAuthorityKey(name) else {
            throw StoreError(.unknownSetting, name: name, detail: knownKeys.map(\.name).joined(separator: ", "))
        }
        return key
    }

    /// Checks a value for `key`: 1–1000 characters, no control characters but newlines in text, and the key's own form.
    public static func checkValue(_ value: String, for key: Key) throws {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, value.count <= 1000 else {
            throw StoreError(.settingValueLength, name: key.name)
        }
        let allowed: Set<Unicode.Scalar> = key.check == .text ? ["\n"] : []
        guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !allowed.contains($0) }) else {
            throw StoreError(.settingValueControl, name: key.name)
        }
        switch key.check {
        case .text:
            return
        case .email:
            let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, isDomain(String(parts[1])),
                !trimmed.contains(where: { $0.isWhitespace || "<>,;\"".contains($0) })
            else {
                throw StoreError(.settingNotEmail, name: key.name)
            }
        case .domain:
            guard isDomain(trimmed) else { throw StoreError(.settingNotDomain, name: key.name) }
        case .positiveInteger:
            guard let number = Int(trimmed), number > 0 else {
                throw StoreError(.settingNotPositive, name: key.name)
            }
        case .timeZone:
            guard TimeZone(identifier: trimmed) != nil else {
                throw StoreError(.settingNotTimeZone, name: key.name)
            }
        case .smtpURL:
            let lower = trimmed.lowercased()
            guard lower.hasPrefix("smtp://") || lower.hasPrefix("smtps://"), !trimmed.contains(where: \.isWhitespace) else {
                throw StoreError(.settingNotSMTPURL, name: key.name)
            }
            if let at = trimmed.firstIndex(of: "@"), trimmed[..<at].dropFirst(lower.hasPrefix("smtps") ? 8 : 7).contains(":") {
                throw StoreError(.settingHoldsPassword, name: key.name)
            }
        case .onOff:
            guard ["on", "off"].contains(trimmed.lowercased()) else {
                throw StoreError(.settingNotOnOff, name: key.name)
            }
        case .path:
            guard trimmed.hasPrefix("/") else {
                throw StoreError(.settingNotAbsolutePath, name: key.name)
            }
        }
    }

    /// Whether an on/off setting's value is on.
    public static func isOn(_ value: String?) -> Bool { value?.lowercased() == "on" }

    static func isDomain(_ text: String) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && text.count <= 253
            && labels.allSatisfy { label in
                !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                    && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            }
    }

    /// Sets a known key (trimmed value), auditing the key but not the value.
    @discardableResult
    public func set(_ name: String, to value: String, actor: String, now: Date) throws -> Setting {
        let key = try Self.key(name)
        try Self.checkValue(value, for: key)
        let clean = value.trimmingCharacters(in: .whitespacesAndNewlines)
        return try db.withTransaction { db in
            try db.execute(
                """
                INSERT INTO settings (key, value, updated_at, updated_by) VALUES (\(key.name), \(clean), \(now), \(actor))
                ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at,
                                                updated_by = EXCLUDED.updated_by
                """)
            try AuditLog(db).append(
                .settingChanged(key: key.name), requestID: nil, occurredAt: now, recordedAt: now, actor: actor)
            return Setting(key: key.name, value: clean, updatedAt: now, updatedBy: actor)
        }
    }

    /// The value of a key, or nil when it was never set.
    public func value(_ name: String) throws -> String? {
        try db.query("SELECT value FROM settings WHERE key = \(name)").first?.decode(column: 0, as: String.self)
    }

    /// One stored setting of a known key, or `notFound` when it is not set.
    public func get(_ name: String) throws -> Setting {
        let key = try Self.key(name)
        guard let setting = try all().first(where: { $0.key == key.name }) else {
            throw StoreError(.settingNotSet, name: key.name)
        }
        return setting
    }

    /// Every stored setting, by key.
    public func all() throws -> [Setting] {
        try db.query("SELECT key, value, updated_at, updated_by FROM settings ORDER BY key").map { row in
            let (key, value, at, by) = try row.decode((String, String, Date, String).self)
            return Setting(key: key, value: value, updatedAt: at, updatedBy: by)
        }
    }

    /// Every stored value by key, for building letters.
    public func values() throws -> [String: String] {
        var result: [String: String] = [:]
        for setting in try all() { result[setting.key] = setting.value }
        return result
    }
}
