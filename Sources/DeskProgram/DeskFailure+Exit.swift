public import ArgumentParser
import Foundation

extension DeskFailure {
    /// Ends a program of the desk after `error`: help and `ExitCode` as ArgumentParser ends them,
    /// a usage error with ArgumentParser's message and exit 2 (not its 64), and every other error
    /// as one line `program: sentence` with SPEC §8's exit code.
    public static func exit(after error: any Error, program: String, command: any ParsableCommand.Type) -> Never {
        if error is ExitCode || command.exitCode(for: error) == .success { command.exit(withError: error) }
        if command.exitCode(for: error) == .validationFailure {
            FileHandle.standardError.write(Data((command.fullMessage(for: error) + "\n").utf8))
            Foundation.exit(badInput)
        }
        let failure = DeskFailure(error)
        failure.print(program: program)
        Foundation.exit(failure.exitCode)
    }

    /// Writes `program: sentence` on standard error.
    public func print(program: String) {
        FileHandle.standardError.write(Data((program + ": " + message + "\n").utf8))
    }
}
