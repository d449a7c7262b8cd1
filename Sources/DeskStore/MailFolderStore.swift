public import Foundation
public import Postgres

/// Where `dsar intake fetch` stopped in each IMAP folder (`mail_folders`).
public struct MailFolderStore {
    let db: Connection

    public init(_ db: Connection) { self.db = db }

    /// The remembered position in a folder.
    public struct Position: Sendable, Hashable {
        public let uidValidity: UInt32
        public let lastUID: UInt32
    }

    /// The position in `folder` of `account`, if it was ever fetched.
    public func position(account: String, folder: String) throws -> Position? {
        guard let row = try db.query(
            "SELECT uid_validity, last_uid FROM mail_folders WHERE account = \(account) AND folder = \(folder)"
        ).first else { return nil }
        let (validity, last) = try row.decode((Int64, Int64).self)
        guard let uidValidity = UInt32(exactly: validity), let lastUID = UInt32(exactly: last) else {
            throw StoreError(.mailFolderPositionInvalid, name: folder)
        }
        return Position(uidValidity: uidValidity, lastUID: lastUID)
    }

    /// Remembers that every message up to `lastUID` is stored (in the caller's transaction, the
    /// one that stored them).
    public func advance(account: String, folder: String, uidValidity: UInt32, lastUID: UInt32, now: Date) throws {
        try db.execute(
            """
            INSERT INTO mail_folders (account, folder, uid_validity, last_uid, fetched_at)
            VALUES (\(account), \(folder), \(Int64(uidValidity)), \(Int64(lastUID)), \(now))
            ON CONFLICT (account, folder) DO UPDATE
              SET uid_validity = EXCLUDED.uid_validity,
                  last_uid = CASE WHEN mail_folders.uid_validity = EXCLUDED.uid_validity
                                  THEN greatest(mail_folders.last_uid, EXCLUDED.last_uid) ELSE EXCLUDED.last_uid END,
                  fetched_at = EXCLUDED.fetched_at
            """)
    }
}
