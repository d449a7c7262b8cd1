public import Hummingbird

/// The request context of the portal: Hummingbird's basics plus the client's address (for the
/// rate limits) and a small upload limit (no page takes more than a form).
public struct PortalContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's IP address as text; nil in router tests.
    public let peerAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress
    }

    public var maxUploadSize: Int { PortalServer.bodyLimit }
}
