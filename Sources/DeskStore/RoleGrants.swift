public import Postgres

/// The privileges of the desk's roles in this database (`SQL/0050_roles.sql`).
///
/// The migration applies them once; a later migration that adds tables leaves them without
/// grants until `dsar db migrate --grant` runs `dsar_grant()` again.
public struct RoleGrants {
    let db: Connection

    public init(_ db: Connection) { self.db = db }

    /// (Re)applies the grants of `dsar_owner`, `dsar_desk` and `dsar_report`, then the portal's
    /// (`dsar_portal`, SQL/0125), in one transaction, and returns one line per step taken.
    public func apply() throws -> [String] {
        do {
            return try db.withTransaction { db in
                try db.query("SELECT step FROM dsar_grant() AS step").map { try $0.decode(column: 0, as: String.self) }
                    + db.query("SELECT step FROM dsar_portal_grant() AS step").map { try $0.decode(column: 0, as: String.self) }
            }
        } catch let error as PostgresError where error.sqlState == .insufficientPrivilege {
            throw StoreError(.grantNotOwner)
        } catch let error as PostgresError where error.sqlState == "42883" {
            throw StoreError(.grantFunctionMissing)
        }
    }
}
