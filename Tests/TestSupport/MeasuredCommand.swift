import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a run of the executable did, as the kernel saw it.
public struct MeasuredResult {
    /// The exit status, or nil when a signal ended the process (a trap, a crash, or the
    /// kill after the deadline).
    public var status: Int32?
    /// The signal that ended the process, if one did.
    public var signal: Int32?
    public var stdout: String
    public var stderr: String
    /// The child's peak resident memory (`ru_maxrss` from `wait4`), in bytes.
    public var peakMemoryBytes: Int
    /// Wall-clock time from spawning to reaping.
    public var seconds: Double
    /// Whether the deadline passed and the child was killed.
    public var timedOut: Bool
}

/// Runs the built `gomemreport` through `posix_spawn` and reaps it with `wait4`, so the
/// kernel reports the child's own peak memory and whether a signal ended it, which
/// Foundation's `Process` does not tell apart from an exit code.
public enum MeasuredCommand {
    /// Runs with `arguments`; stdout and stderr go through files so a large
    /// output cannot block the child. A child still running after `deadline` seconds is
    /// killed (SIGKILL) and reported with `timedOut`.
    public static func run(_ arguments: [String], deadline: Double = 60) throws -> MeasuredResult {
        let scratch = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outPath = scratch.appendingPathComponent("stdout").path, errPath = scratch.appendingPathComponent("stderr").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        let argv = ([CommandRunner.executable.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let started = Date()
        var pid = pid_t()
        let spawned = posix_spawn(&pid, CommandRunner.executable.path, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw NSError(domain: "MeasuredCommand", code: Int(spawned),
                          userInfo: [NSLocalizedDescriptionKey: "posix_spawn failed: \(String(cString: strerror(spawned)))"])
        }
        var status: Int32 = 0
        var usage = rusage()
        var timedOut = false
        while true {
            let reaped = wait4(pid, &status, WNOHANG, &usage)
            if reaped == pid { break }
            if reaped < 0 && errno != EINTR {
                throw NSError(domain: "MeasuredCommand", code: Int(errno), userInfo: [NSLocalizedDescriptionKey: "wait4 failed"])
            }
            if !timedOut && Date().timeIntervalSince(started) > deadline {
                timedOut = true
                kill(pid, SIGKILL)
            }
            usleep(5_000)
        }
        let seconds = Date().timeIntervalSince(started)
        // The wait status: low 7 bits the signal (0: exited), next 8 the exit code.
        let signal = status & 0x7F
        return MeasuredResult(
            status: signal == 0 ? (status >> 8) & 0xFF : nil,
            signal: signal == 0 ? nil : signal,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "",
            peakMemoryBytes: Int(usage.ru_maxrss) * 1024,
            seconds: seconds,
            timedOut: timedOut)
    }
}
