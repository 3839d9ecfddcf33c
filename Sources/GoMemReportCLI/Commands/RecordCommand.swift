import ArgumentParser
import Capture
import Foundation
import Ingest
import Render
#if canImport(Glibc)
import Glibc
#endif

struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record a running Go service into a recording folder, then (optionally) report on it.",
        discussion: """
            Every --interval it saves /metrics (Prometheus text) and /debug/vars (expvar), \
            whichever the service serves, and with --pid the process's /proc/PID/status and \
            smaps_rollup and its cgroup's memory.stat, .current, .max and .events. Heap and \
            goroutine profiles (proto, plus debug=1 and debug=2 text) are taken at the start, \
            every --profiles-every and at the end. recording.json says what was asked, what \
            answered and which errors were met; the layout is the README's "Recording layout".

            One request at a time, each bounded by --timeout. A failing endpoint is counted and \
            asked again next time; one that answers 404 is noted once and skipped. Ctrl-C (or \
            SIGTERM) ends the recording: the final profiles are taken within --grace and the \
            recording is complete. A second Ctrl-C stops at once; what was written stays valid.

            Examples:
              gomemreport record --url http://127.0.0.1:8080 -o incident-4711
              gomemreport record --url http://10.0.0.7:6060 --interval 5s --duration 2h \\
                --profiles-every 15m -o api-leak --then-report api-leak.html
              gomemreport record --url http://127.0.0.1:8080 --pid 4242 --duration forever \\
                -o api --then-report api.html            # until Ctrl-C
              gomemreport record --url http://127.0.0.1:9090 --metrics-path /internal/metrics \\
                --expvar-path off --pprof-prefix /admin/pprof -o api
              gomemreport record --url http://127.0.0.1:8080 --duration 10m -o canary \
                --then-report canary.html --fail-on heap-leak,goroutine-leak   # in CI

            Exit codes: 0 a recording was made (also after Ctrl-C), 1 nothing could be recorded \
            or writing failed, 2 bad usage, 3 --fail-on matched a finding of the --then-report \
            page, 130 stopped at once by a second Ctrl-C.
            """)

    @Option(help: ArgumentHelp("The service's base URL.", valueName: "http://host:port"))
    var url: String

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The recording folder to create (absent or empty).", valueName: "recording"))
    var output: String

    @Option(help: ArgumentHelp("A local process to sample /proc/PID/status and smaps_rollup of; its cgroup is found from /proc/PID/cgroup.", valueName: "pid"))
    var pid: Int32?

    @Option(help: ArgumentHelp("A cgroup v2 folder whose memory.stat/.current/.max/.events to sample.", valueName: "dir"))
    var cgroup: String?

    @Option(help: ArgumentHelp("Time between samples.", valueName: "duration"))
    var interval = "10s"

    @Option(help: ArgumentHelp("How long to record, or 'forever' (until Ctrl-C).", valueName: "duration"))
    var duration = "30m"

    @Option(name: .customLong("profiles-every"), help: ArgumentHelp("Time between profile rounds besides the first and the last, or 'off'.", valueName: "duration"))
    var profilesEvery = "5m"

    @Option(name: .customLong("metrics-path"), help: ArgumentHelp("Path of the Prometheus text exposition, or 'off'.", valueName: "path"))
    var metricsPath = "/metrics"

    @Option(name: .customLong("expvar-path"), help: ArgumentHelp("Path of expvar's /debug/vars, or 'off'.", valueName: "path"))
    var expvarPath = "/debug/vars"

    @Option(name: .customLong("pprof-prefix"), help: ArgumentHelp("Path under which net/http/pprof serves heap and goroutine, or 'off' for no profiles.", valueName: "path"))
    var pprofPrefix = "/debug/pprof"

    @Option(help: ArgumentHelp("Time each request may take.", valueName: "duration"))
    var timeout = "5s"

    @Option(help: ArgumentHelp("Time the final profiles may take after Ctrl-C.", valueName: "duration"))
    var grace = "10s"

    @Option(name: .customLong("max-dump-bytes"), help: ArgumentHelp("Drop a debug=2 goroutine dump larger than this.", valueName: "size"))
    var maxDumpBytes = "64MiB"

    @Option(name: .customLong("max-dump-goroutines"), help: ArgumentHelp("Ask for no debug=2 dump while the service has more goroutines than this.", valueName: "count"))
    var maxDumpGoroutines = 100_000

    @Option(name: .customLong("then-report"), help: ArgumentHelp("When recording ends (also after Ctrl-C), render the report here.", valueName: "report.html"))
    var thenReport: String?

    @Option(name: .customLong("fail-on"), help: ArgumentHelp(
        "With --then-report: exit with 3 (after writing it) when a finding matches: finding ids, comma separated, or a severity and worse (critical, warning, info).",
        valueName: "ids|severity"))
    var failOn: FailOnRule?

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if failOn != nil && thenReport == nil { throw ValidationError("--fail-on judges the --then-report page: give --then-report too.") }
        _ = try settings()
    }

    func run() throws {
        let progress = RecordProgress(quiet: quiet)
        let stop = StopRequest()
        let recorder = try Recorder(settings: try settings(), folder: output, stop: stop,
                                    onStatus: progress.update, onNote: progress.note)
        let trap = SignalTrap(first: {
            progress.note("stopping: taking the final profiles (Ctrl-C again to stop at once)")
            stop.request()
        }, again: {
            recorder.stopAtOnce()
            progress.finish()
            Diagnostics.note("stopped at once; \(output) holds what was recorded")
            Glibc.exit(130)
        })
        defer { trap.release() }
        let outcome: RecordingOutcome
        do {
            outcome = try recorder.run()
        } catch {
            progress.finish()
            throw error
        }
        progress.finish()
        try RecordingReport(folder: output, outcome: outcome, quiet: quiet).conclude(thenReport: thenReport, failOn: failOn)
    }

    private func settings() throws -> RecorderSettings {
        guard let target = URL(string: url), let scheme = target.scheme, ["http", "https"].contains(scheme), target.host != nil else {
            throw ValidationError("--url: '\(url)' is not an http:// or https:// URL")
        }
        var settings = RecorderSettings(target: target)
        settings.metricsPath = try Self.path(metricsPath, option: "--metrics-path")
        settings.expvarPath = try Self.path(expvarPath, option: "--expvar-path")
        settings.pprofPrefix = try Self.path(pprofPrefix, option: "--pprof-prefix").map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        if settings.metricsPath == nil && settings.expvarPath == nil {
            throw ValidationError("--metrics-path and --expvar-path are both off: nothing to record")
        }
        settings.pid = pid
        settings.cgroup = cgroup
        settings.interval = try Self.seconds(interval, option: "--interval")
        settings.duration = duration == "forever" ? nil : try Self.seconds(duration, option: "--duration")
        settings.profilesEvery = profilesEvery == "off" ? nil : try Self.seconds(profilesEvery, option: "--profiles-every")
        settings.timeout = try Self.seconds(timeout, option: "--timeout")
        settings.grace = try Self.seconds(grace, option: "--grace")
        settings.maximumDumpBytes = try ByteCountArgument.bytes(maxDumpBytes, option: "--max-dump-bytes")
        settings.maximumDumpGoroutines = maxDumpGoroutines
        settings.userAgent = "\(ToolVersion.name)/\(ToolVersion.current)"
        settings.toolVersion = "\(ToolVersion.name) \(ToolVersion.current)"
        if let duration = settings.duration, duration < settings.interval {
            throw ValidationError("--duration \(self.duration) is shorter than --interval \(interval)")
        }
        if let pid, !FileManager.default.fileExists(atPath: "/proc/\(pid)/status") {
            throw ValidationError("--pid \(pid): no such process here (/proc/\(pid)/status does not exist)")
        }
        return settings
    }

    private static func seconds(_ text: String, option: String) throws -> Double {
        guard let value = TimeRangeParser.duration(text) else {
            throw ValidationError("\(option): '\(text)' is not a duration; give one like 500ms, 10s, 5m, 1h30m")
        }
        return value
    }

    private static func path(_ text: String, option: String) throws -> String? {
        if text == "off" { return nil }
        guard text.hasPrefix("/") else { throw ValidationError("\(option): '\(text)' must start with / (or be 'off')") }
        return text
    }
}
