import DeskStore

/// The sentence `dsar-portal` prints when the store fails while the portal starts (reading the
/// settings, finding the templates); the portal's pages never show store errors.
enum PortalStartFailure {
    static func sentence(_ error: StoreError) -> String {
        switch error.code {
        case .databaseUnreachable, .databaseUnreachableFromEnvironment, .localDatabaseUnreachable:
            return "Cannot reach \(error.name ?? "the database"); check --database-url (or DSAR_DATABASE_URL) and that the server runs."
        case .resourceMissing:
            return "The \(error.name ?? "templates")/ directory of DSAR Desk was not found; set DSAR_HOME to the directory that contains it."
        default:
            return error.detail ?? "The desk's store failed (\(error.code)); run `dsar db status` and start the portal again."
        }
    }
}
