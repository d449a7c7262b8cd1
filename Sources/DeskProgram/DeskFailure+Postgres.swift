public import Postgres

extension DeskFailure {
    /// One sentence and an exit code for a failure the database server or libpq reported.
    public init(database: PostgresError) {
        if database.transactionStep == .rollback, let cause = database.rolledBackBecause {
            // The body failed, and undoing it failed too: say both. The server discards an
            // unfinished transaction when its connection ends, so nothing of it was kept.
            let first = DeskFailure(cause)
            self.init(
                message: first.message + " Undoing the change then failed as well (\(database.code)); the server discards the unfinished change — check the database with `dsar db status` before going on.",
                exitCode: database.isConnectionProblem ? Self.unavailable : first.exitCode)
            Self.debug(database.debugDescription)
        } else if database.isConnectionProblem {
            self.init(
                message: "The database connection was lost; check that the server runs (`dsar db status`) and run the command again.",
                exitCode: Self.unavailable)
        } else if database.sqlState == .insufficientPrivilege {
            self.init(
                message: "Your database user may not do this (permission denied); ask the DPO to make it a member of the right role (README, \"Desk staff and roles\").",
                exitCode: Self.refused)
        } else if database.sqlState == .undefinedTable {
            self.init(message: "The database has no DSAR Desk schema yet; run `dsar db migrate` first.", exitCode: Self.unavailable)
        } else {
            self.init(
                message: "The database refused the operation (\(database)); nothing was changed — run the command again or report it with DSAR_DEBUG=1 output.",
                exitCode: Self.unexpected)
            Self.debug(database.debugDescription)
        }
    }
}
