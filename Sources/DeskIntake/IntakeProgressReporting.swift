/// Told how far an import has got, for a progress display (the CLI draws one on a terminal).
public protocol IntakeProgressReporting: AnyObject {
    /// The importer starts reading the source at `path`.
    func startSource(_ path: String)
    /// One more message, of `bytes` raw bytes, has been decided.
    func advance(bytes: UInt64)
    /// The import is over.
    func finish()
}
