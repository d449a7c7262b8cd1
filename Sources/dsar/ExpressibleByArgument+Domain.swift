public import ArgumentParser
public import DeskCore
import Foundation

/// The domain's enums are typed on the command line by their raw values (`access`, `uz-Cyrl`, …).
extension Right: ExpressibleByArgument {}
extension RequestState: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}
extension Channel: ExpressibleByArgument {}
extension RefusalGround: ExpressibleByArgument {}

/// Evidence kinds are spelled with hyphens on the command line (`no-recipients`), as in SPEC §8.
extension EvidenceKind: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.replacingOccurrences(of: "-", with: "_"))
    }

    var argumentSpelling: String { rawValue.replacingOccurrences(of: "_", with: "-") }

    public static var allValueStrings: [String] { allCases.map(\.argumentSpelling) }

    public var defaultValueDescription: String { argumentSpelling }
}
