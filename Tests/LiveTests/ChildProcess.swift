import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A server the tests start: its output goes to a log file, and `stop` always ends
/// and reaps it (SIGTERM, then SIGKILL after 10 s).
final class ChildProcess {
    let process = Process()
    let log: URL

    /// Starts `executable` (a name looked up in PATH) with `arguments`.
    init(_ executable: String, _ arguments: [String], log: URL) throws {
        guard let path = Self.find(executable) else {
            throw LiveTestSetupError("\(executable) is not installed: apt-get install \(Self.packages[executable] ?? executable)")
        }
        self.log = log
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try handle.close()
    }

    var isRunning: Bool { process.isRunning }

    /// The log's last lines, for failure messages.
    var logTail: String {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(5).joined(separator: "\n")
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
    }

    /// Runs `executable` to the end (at most `timeout` seconds); throws with its output
    /// unless it exits with 0.
    static func run(_ executable: String, _ arguments: [String], log: URL, timeout: Double = 120) throws {
        let child = try ChildProcess(executable, arguments, log: log)
        let deadline = Date().addingTimeInterval(timeout)
        while child.isRunning && Date() < deadline { usleep(20_000) }
        if child.isRunning {
            child.stop()
            throw LiveTestSetupError("\(executable) \(arguments.joined(separator: " ")) took more than \(Int(timeout)) s")
        }
        child.process.waitUntilExit()
        guard child.process.terminationStatus == 0 else {
            throw LiveTestSetupError("\(executable) \(arguments.joined(separator: " ")) failed (\(child.process.terminationStatus)): \(child.logTail)")
        }
    }

    /// Debian packages of the programs the live tests run.
    static let packages = ["prometheus": "prometheus", "promtool": "prometheus", "python3": "python3"]

    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"] {
            let candidate = (directory as NSString).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// A TCP port on 127.0.0.1 that nothing listens on right now.
    static func freePort() throws -> Int { try LoopbackSocket.freePort() }
}

/// A loopback port that refuses connections and that no server can take while this
/// lives: bound, never listening.
final class ClosedPort {
    let port: Int
    private let descriptor: Int32

    init() throws {
        (descriptor, port) = try LoopbackSocket.bind()
    }

    deinit { close(descriptor) }
}

/// Why a live test could not set up its server: a missing program (named with the
/// package to install), a failed backfill, a server that did not get ready.
struct LiveTestSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
