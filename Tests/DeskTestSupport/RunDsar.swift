public import Foundation

/// What one run of the `dsar` binary did.
public typealias DsarRun = (status: Int32, stdout: String, stderr: String)

/// Runs the built `dsar` binary with `args` and waits for it, for end-to-end CLI tests.
///
/// The child inherits this process's environment with `environment` laid over it; pass
/// `DSAR_DATABASE_URL` there (or use `TestDatabase.runDsar`). Output is captured through files,
/// so a large output cannot block the child on a full pipe. `standardInput` names a file the child
/// reads as its standard input (default: nothing).
public func runDsar(_ args: [String], environment: [String: String] = [:], standardInput: String? = nil) throws -> DsarRun {
    let executable = try DsarBinary.locate()
    let scratch = FileManager.default.temporaryDirectory
        .appendingPathComponent("dsar-run-\(UInt64.random(in: 0...UInt64.max))")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let stdoutFile = scratch.appendingPathComponent("stdout")
    let stderrFile = scratch.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
    _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
    let stdoutHandle = try FileHandle(forWritingTo: stdoutFile)
    let stderrHandle = try FileHandle(forWritingTo: stderrFile)
    defer {
        try? stdoutHandle.close()
        try? stderrHandle.close()
    }

    let process = Process()
    process.executableURL = executable
    process.arguments = args
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    if let standardInput {
        guard let input = FileHandle(forReadingAtPath: standardInput) else {
            throw TestDatabaseError("The standard input file \(standardInput) cannot be read.")
        }
        process.standardInput = input
    } else {
        process.standardInput = FileHandle.nullDevice
    }
    process.standardOutput = stdoutHandle
    process.standardError = stderrHandle
    try process.run()
    process.waitUntilExit()

    let stdout = (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? ""
    let stderr = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
    return (process.terminationStatus, stdout, stderr)
}

extension TestDatabase {
    /// Runs `dsar` against this database (`DSAR_DATABASE_URL` set to its URL).
    public func runDsar(_ args: [String], environment: [String: String] = [:], standardInput: String? = nil) throws -> DsarRun {
        var environment = environment
        environment["DSAR_DATABASE_URL"] = url
        return try DeskTestSupport.runDsar(args, environment: environment, standardInput: standardInput)
    }
}

/// Where the built `dsar` executable is.
public enum DsarBinary {
    /// `DSAR_BINARY` when set; else next to the running test bundle (SwiftPM puts executables and
    /// the test runner in the same build directory); else `.build/debug/dsar` in this checkout.
    public static func locate() throws -> URL {
        var candidates: [URL] = []
        if let explicit = ProcessInfo.processInfo.environment["DSAR_BINARY"], !explicit.isEmpty {
            candidates.append(URL(fileURLWithPath: explicit))
        }
        if let runner = Bundle.main.executableURL {
            candidates.append(runner.deletingLastPathComponent().appendingPathComponent("dsar"))
            // macOS: …/debug/dsarPackageTests.xctest/Contents/MacOS/dsarPackageTests
            candidates.append(
                runner.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                    .deletingLastPathComponent().appendingPathComponent("dsar"))
        }
        candidates.append(TestDatabase.repositoryRoot.appendingPathComponent(".build/debug/dsar"))
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        throw TestDatabaseError(
            "The dsar binary was not found (looked in \(candidates.map(\.path).joined(separator: ", "))); run `swift build` first.")
    }
}
