public import DeskCore
public import Postgres

/// Due dates travel as `date` columns in ISO form.
extension LocalDate: PostgresEncodable, PostgresDecodable {
    public var postgresBinding: PostgresBinding { .text(iso) }

    public static func decode(from cell: PostgresCell) throws -> LocalDate {
        guard let text = cell.string, let date = LocalDate(iso: text) else {
            throw PostgresError(code: .decoding, serverMessage: "column \(cell.columnName) is not a date")
        }
        return date
    }
}
