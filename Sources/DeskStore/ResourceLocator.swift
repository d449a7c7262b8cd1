public import Foundation

/// Finds the project's data directories (`SQL/`, `Templates/`) at run time.
///
/// Order: `DSAR_HOME` (a directory holding both), `<executable>/../share/dsar` for an installed
/// binary, then the source tree the binary was built from.
public enum ResourceLocator {
    /// The directory holding the numbered migrations.
    public static func sqlDirectory() throws -> URL { try locate("SQL") }

    /// The directory holding the letter templates.
    public static func templatesDirectory() throws -> URL { try locate("Templates") }

    /// The shipped intake model (`Models/intake.model`, made by `dsar intake train --shipped-only`).
    public static func intakeModelFile() throws -> URL { try locate("Models").appendingPathComponent("intake.model") }

    /// The shipped labelled corpus the intake model is trained from (`Tests/MailIntakeTests/Corpus`).
    public static func corpusDirectory() throws -> URL { try locate("Tests/MailIntakeTests/Corpus") }

    static func locate(_ name: String) throws -> URL {
        var candidates: [URL] = []
        let environment = ProcessInfo.processInfo.environment
        if let home = environment["DSAR_HOME"], !home.isEmpty {
            candidates.append(URL(fileURLWithPath: home).appendingPathComponent(name))
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        candidates.append(
            executable.deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("share/dsar").appendingPathComponent(name))
        // Sources/DeskStore/ResourceLocator.swift → the repository root.
        let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(sourceRoot.appendingPathComponent(name))
        var isDirectory: ObjCBool = false
        for candidate in candidates
        where FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory) && isDirectory.boolValue {
            return candidate
        }
        throw StoreError(.resourceMissing, name: name)
    }
}
