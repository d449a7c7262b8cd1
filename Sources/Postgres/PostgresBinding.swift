/// A value as it is sent to the server for one `$n` parameter.
public enum PostgresBinding: Sendable, Hashable {
    case null
    /// Text format: the server parses it according to the parameter's inferred type.
    case text(String)
    /// Binary bytea (type OID 17).
    case bytes([UInt8])
}
