public import DeskStore
public import Foundation
public import MailIntake
public import MailTransport

/// `dsar intake fetch`: the new messages of one IMAP folder through the intake pipeline.
///
/// New means a UID above the one remembered for the folder (with its UIDVALIDITY; a changed
/// UIDVALIDITY re-reads the folder, and the intake recognises what it already holds as
/// duplicates). Messages are fetched a batch at a time without setting `\\Seen`; once a batch
/// is stored the folder's position moves on and only then are its messages marked seen or moved.
/// Stopped at any point — the server gone, the process killed — the next run fetches again what
/// was not yet remembered, and duplicates are never stored twice.
public struct MailboxFetcher {
    /// What to do with a message once it is stored.
    public enum AfterStore: Sendable, Hashable {
        case leave
        case markSeen
        case move(to: String)
    }

    /// What one pass did.
    public struct Pass: Sendable {
        public var summary = IntakeImporter.Summary()
        /// Messages fetched from the server.
        public var fetched = 0
        /// The folder was renumbered since the last run, so it was read from the start.
        public var uidValidityChanged = false
        /// The last UID now remembered.
        public var lastUID: UInt32 = 0
    }

    let client: IMAPClient
    let importer: IntakeImporter
    /// Nil in a dry run: nothing is remembered.
    let folders: MailFolderStore?
    let after: AfterStore
    let clock: @Sendable () -> Date
    /// Messages fetched before they are handed to the importer (one transaction each batch).
    public var batchSize = 200

    public init(client: IMAPClient, importer: IntakeImporter, folders: MailFolderStore?, after: AfterStore,
                clock: @escaping @Sendable () -> Date) {
        self.client = client
        self.importer = importer
        self.folders = folders
        self.after = after
        self.clock = clock
    }

    /// Checks the login and the folder (and the folder to move to): nothing is read or written before.
    public func check() throws -> IMAPFolderStatus {
        let status = try client.status()
        if case .move(let target) = after, !(try client.folderExists(target)) {
            throw StoreError(.mailFolderMissing, name: target)
        }
        return status
    }

    /// One pass over the folder's new messages; `shouldStop` is asked between batches.
    public func run(
        progress: ((Int, Int) -> Void)? = nil, shouldStop: () -> Bool = { false }, emit: (IntakeRecord) throws -> Void
    ) throws -> Pass {
        let account = client.account
        let status = try check()
        var pass = Pass()
        let remembered = try folders?.position(account: account.name, folder: account.folder)
        var last: UInt32 = 0
        if let remembered {
            if remembered.uidValidity == status.uidValidity { last = remembered.lastUID } else { pass.uidValidityChanged = true }
        }
        let uids = try client.uids(after: last, before: status.uidNext)
        pass.lastUID = last
        var start = 0
        while start < uids.count, !shouldStop() {
            let chunk = Array(uids[start..<min(start + batchSize, uids.count)])
            start += chunk.count
            var items: [MailItem] = []
            items.reserveCapacity(chunk.count)
            var present: [UInt32] = []
            for uid in chunk {
                guard let bytes = try client.fetch(uid: uid) else { continue }  // expunged meanwhile
                let source = "\(account.description);UID=\(uid)"
                if bytes.count > importer.limits.maxMessageBytes {
                    items.append(.tooLarge(source: source, ordinal: Int(uid), offset: 0, size: UInt64(bytes.count)))
                } else {
                    items.append(.message(RawMessage(bytes: bytes, source: source, ordinal: Int(uid))))
                }
                present.append(uid)
            }
            pass.fetched += items.count
            let stream = MemoryMessageStream(items)
            let source = IntakeImporter.Source(name: account.description) { () throws(MailIntakeError) -> any MessageStream in stream }
            pass.summary.add(try importer.run(sources: [source], progress: nil, emit: emit))
            guard let highest = chunk.last else { continue }
            // Stored: remember the position, then (never before) mark or move.
            if let folders {
                try folders.advance(account: account.name, folder: account.folder, uidValidity: status.uidValidity,
                                    lastUID: highest, now: clock())
                switch after {
                case .leave: break
                case .markSeen: try client.markSeen(present)
                case .move(let target): try client.move(present, to: target)
                }
            }
            pass.lastUID = highest
            progress?(start, uids.count)
        }
        return pass
    }
}
