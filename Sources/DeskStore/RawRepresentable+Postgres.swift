public import DeskCore
public import Postgres

/// The domain's string enums are stored as their raw values (checked by SQL domains).
extension Right: PostgresEncodable, PostgresDecodable {}
extension RequestState: PostgresEncodable, PostgresDecodable {}
extension Language: PostgresEncodable, PostgresDecodable {}
extension Channel: PostgresEncodable, PostgresDecodable {}
extension RefusalGround: PostgresEncodable, PostgresDecodable {}
extension EvidenceKind: PostgresEncodable, PostgresDecodable {}
extension OutboxStatus: PostgresEncodable, PostgresDecodable {}

extension RawRepresentable where RawValue == String {
    public var postgresBinding: PostgresBinding { .text(rawValue) }

    public static func decode(from cell: PostgresCell) throws -> Self {
        guard let text = cell.string, let value = Self(rawValue: text) else {
            throw PostgresError(code: .decoding, serverMessage: "column \(cell.columnName) holds an unknown \(Self.self)")
        }
        return value
    }
}
