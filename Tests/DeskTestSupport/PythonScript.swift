import Foundation

/// Runs `python3 -c script arguments…` — an independent implementation (Python's `email`,
/// `hashlib`, …) that a test checks the desk against — and decodes the JSON it prints.
public enum PythonScript {
    public struct Failure: Error, CustomStringConvertible {
        public let status: Int32
        public var description: String { "python3 exited with status \(status)" }
    }

    /// The JSON object the script prints, as `T`; throws when python3 fails.
    public static func json<T: Decodable>(_ script: String, arguments: [String], as type: T.Type = [String: String].self) throws -> T {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure(status: process.terminationStatus) }
        return try JSONDecoder().decode(T.self, from: data)
    }
}
