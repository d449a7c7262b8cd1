import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a server program and waits for it, with `posix_spawn` and `waitpid`.
///
/// Foundation's `Process` is not used here: the PostgreSQL server that `pg_ctl start` leaves
/// running inherits descriptors `Process` watches, and `waitUntilExit` then never returns.
public enum ProgramRunner {
    /// Runs `program` with `arguments`; its output goes to `outputFile`. Returns the exit status.
    public static func run(_ program: String, _ arguments: [String], outputFile: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Nothing else is inherited: a server that `pg_ctl start` leaves running would otherwise
        // keep our caller's descriptors (pipes a parent waits on) open for ever.
        for descriptor in openDescriptors() where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }

        let argv: [UnsafeMutablePointer<CChar>?] = ([program] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, program, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw StoreError(.programFailed, name: program, count: Int(spawned))
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS, which Swift does not import as macros.
        if status & 0x7f == 0 { return (status >> 8) & 0xff }
        return 128 + (status & 0x7f)
    }

    /// The descriptors open in this process, from `/proc/self/fd`.
    static func openDescriptors() -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return names.compactMap { Int32($0) }.filter { fcntl($0, F_GETFD) != -1 }
    }
}
