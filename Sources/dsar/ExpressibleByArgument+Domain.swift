import ArgumentParser
import DeskCore

/// The domain's enums are typed on the command line by their raw values (`access`, `uz-Cyrl`, …).
extension Right: ExpressibleByArgument {}
extension RequestState: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}
extension Channel: ExpressibleByArgument {}
extension RefusalGround: ExpressibleByArgument {}
