import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a command with its output discarded and reports wall time and peak memory,
/// measured by the kernel (wait4's rusage), so every tool is measured the same way.
struct ChildProcess {
    struct Measurement {
        var seconds: Double
        var peakKiB: Int
        var status: Int32
    }

    static func measure(_ arguments: [String], environment: [String: String] = [:]) -> Measurement {
        var pid: pid_t = 0
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        let start = Date()
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, argv, envp)
        guard spawned == 0 else { return Measurement(seconds: .nan, peakKiB: 0, status: -1) }
        var status: Int32 = 0
        var usage = rusage()
        _ = wait4(pid, &status, 0, &usage)
        return Measurement(seconds: Date().timeIntervalSince(start), peakKiB: Int(usage.ru_maxrss), status: status)
    }
}
