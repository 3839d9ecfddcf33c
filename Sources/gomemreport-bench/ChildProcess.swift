import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a command with its output discarded and reports wall time and peak memory,
/// measured by the kernel (wait4's rusage), so every tool is measured the same way.
///
/// A floor to know about: posix_spawn shares this process's memory with the child until
/// it execs, and the kernel carries the larger of the two peaks into the child's
/// `ru_maxrss`, so a child spawned directly is never reported below this process's own
/// peak (`benchPeakKiB`, about 33 MiB: Foundation's ICU data). With `measureThroughTime`
/// the command runs under GNU time (Debian's `time` package), a 1 MiB process whose own
/// child's peak it reports: the floor drops to about 1 MiB.
struct ChildProcess {
    /// Whether peaks are taken through /usr/bin/time (when it is installed).
    static let measureThroughTime = FileManager.default.isExecutableFile(atPath: "/usr/bin/time")

    struct Measurement {
        var seconds: Double
        var peakKiB: Int
        var status: Int32
        /// User + system CPU time of the child.
        var cpuSeconds: Double = 0
    }

    /// This process's own peak resident memory: the floor of every child's `peakKiB`.
    static var benchPeakKiB: Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Int(usage.ru_maxrss)
    }

    /// The best time and the largest peak of `runs` runs; a failed run's status wins.
    static func best(_ arguments: [String], runs: Int) -> Measurement {
        var result = Measurement(seconds: .infinity, peakKiB: 0, status: 0)
        for _ in 0..<runs {
            let m = measure(arguments)
            result = .init(seconds: min(result.seconds, m.seconds), peakKiB: max(result.peakKiB, m.peakKiB),
                           status: m.status != 0 ? m.status : result.status)
        }
        return result
    }

    static func measure(_ arguments: [String], environment: [String: String] = [:]) -> Measurement {
        guard measureThroughTime else { return spawn(arguments, environment: environment) }
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("gomemreport-bench-time-\(getpid())").path
        defer { unlink(report) }
        var m = spawn(["/usr/bin/time", "-f", "%M", "-o", report] + arguments, environment: environment)
        // GNU time exits with the command's status and writes its peak RSS in KiB (a
        // first line "Command exited with non-zero status" when it failed).
        let text = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""
        if let peak = text.split(separator: "\n").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
            m.peakKiB = peak
        } else if m.status == 0 {
            m.status = -2
        }
        return m
    }

    /// Spawns the command itself; its peak includes this process's (see above).
    private static func spawn(_ arguments: [String], environment: [String: String]) -> Measurement {
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
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return Measurement(seconds: Date().timeIntervalSince(start), peakKiB: Int(usage.ru_maxrss), status: status, cpuSeconds: cpu)
    }
}

extension ChildProcess {
    /// Runs the commands at the same time, their output discarded, and returns the wall
    /// time until the last one ends and whether all succeeded: the speed-up the machine
    /// gives to independent processes, a control for a command's own parallelism.
    static func measureTogether(_ commands: [[String]]) -> (seconds: Double, succeeded: Bool) {
        let start = Date()
        let processes = commands.map { arguments -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: arguments[0])
            process.arguments = Array(arguments.dropFirst())
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            return process
        }
        var succeeded = true
        for process in processes {
            do { try process.run() } catch { succeeded = false }
        }
        for process in processes where process.isRunning || process.processIdentifier != 0 {
            process.waitUntilExit()
            if process.terminationStatus != 0 { succeeded = false }
        }
        return (Date().timeIntervalSince(start), succeeded)
    }
}
