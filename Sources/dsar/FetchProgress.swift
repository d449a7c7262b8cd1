import Foundation

/// `fetched 400 of 20000` on stderr while a long fetch runs, when stderr is a terminal.
enum FetchProgress {
    static func forTerminal() -> ((Int, Int) -> Void)? {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        return { done, total in
            let end = done >= total ? "\n" : ""
            FileHandle.standardError.write(Data("\rfetched \(done) of \(total)\(end)".utf8))
        }
    }
}
