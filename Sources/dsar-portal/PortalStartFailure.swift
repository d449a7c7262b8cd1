import DeskProgram
import DeskStore

/// What `dsar-portal` prints when it cannot start: the portal's own wording where it reads its
/// database URL differently from `dsar` (`DSAR_PORTAL_DATABASE_URL`), else the desk's one
/// sentence and exit code for the error (DeskProgram). The portal's pages never show these.
enum PortalStartFailure {
    static func failure(_ error: any Error) -> DeskFailure {
        guard let error = error as? StoreError else { return DeskFailure(error) }
        switch error.code {
        case .databaseUnreachable, .databaseUnreachableFromEnvironment, .localDatabaseUnreachable:
            return DeskFailure(
                message: "Cannot reach \(error.name ?? "the database"); check --database-url (or DSAR_DATABASE_URL) and that the server runs.",
                exitCode: DeskFailure.unavailable)
        default:
            return DeskFailure(store: error)
        }
    }
}
