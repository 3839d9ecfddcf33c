import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Ingest
import MemoryModel
import TestSupport

/// A real Prometheus (Debian's `prometheus` package) on a free loopback port, with a
/// temporary TSDB backfilled by `promtool` from heapleak's 59 `/metrics` scrapes
/// (2026-11-28 07:32:42–07:37:32 UTC), labelled `job="heapleak",instance="127.0.0.1:6060"`,
/// and any `Settings.fleet` recordings beside them.
///
/// `stop` ends and reaps the server and deletes its folder; a server that cannot be
/// set up throws `LiveTestSetupError` saying what to install or what went wrong.
final class PrometheusServer {
    struct Settings {
        /// Extra command-line flags, such as `--query.max-samples=20`.
        var flags: [String] = []
        /// YAML added to the configuration file after `global:`, such as `remote_read:`.
        var configuration = ""
        /// The `--web.config.file` contents (TLS, basic auth), if any.
        var webConfiguration: String?
        /// Headers the readiness check sends (the server's own auth applies to /-/ready).
        var readyHeaders: [String: String] = [:]
        /// More recordings' scrapes to backfill beside heapleak's, as a fleet would be.
        var fleet: [FleetMember] = []
    }

    /// A recording's `/metrics` scrapes backfilled under `labels`, moved in time so its
    /// first scrape is at `start` (recordings made days apart become pods of one hour).
    struct FleetMember {
        var scrapes: String
        var labels: [String: String]
        var start: Double
    }

    static let job = "heapleak"
    static let instance = "127.0.0.1:6060"
    static var scrapes: String { Fixtures.recording("heapleak") + "/metrics" }

    let folder: URL
    private(set) var port = 0
    private var child: ChildProcess?

    var url: String { "http://127.0.0.1:\(port)" }

    init(_ settings: Settings = Settings()) throws {
        folder = Fixtures.temporaryFolder()
        do {
            try start(settings)
        } catch {
            stop()
            throw error
        }
    }

    private func start(_ settings: Settings) throws {
        guard ChildProcess.find("prometheus") != nil, ChildProcess.find("promtool") != nil else {
            throw LiveTestSetupError("prometheus and promtool are not installed: apt-get install prometheus (the live tests run a real server)")
        }
        // 1–2: OpenMetrics from the scrapes, backfilled into a fresh TSDB.
        func labelled(_ series: [MetricSeries], _ labels: [String: String], start: Double? = nil) -> [MetricSeries] {
            let shift = start.map { $0 - (series.compactMap(\.timestamps.first).min() ?? $0) } ?? 0
            return series.map { one in
                var moved = one
                moved.labels.merge(labels) { $1 }
                moved.timestamps = one.timestamps.map { $0 + shift }
                return moved
            }
        }
        var series = labelled(try SnapshotFolder.load(.scrapes, in: Self.scrapes, job: Self.job), ["job": Self.job, "instance": Self.instance])
        for member in settings.fleet {
            series += labelled(try SnapshotFolder.load(.scrapes, in: member.scrapes, job: member.labels["job"] ?? ""), member.labels, start: member.start)
        }
        let input = folder.appendingPathComponent("heapleak.om")
        try OpenMetricsBackfill.text(series, labels: [:]).write(to: input, atomically: true, encoding: .utf8)
        let data = folder.appendingPathComponent("data")
        try ChildProcess.run("promtool", ["tsdb", "create-blocks-from", "openmetrics", input.path, data.path],
                             log: folder.appendingPathComponent("promtool.log"))
        // 3: the server, with nothing to scrape.
        let config = folder.appendingPathComponent("prometheus.yml")
        try "global:\n  scrape_interval: 1h\n\(settings.configuration)".write(to: config, atomically: true, encoding: .utf8)
        var flags = ["--config.file=\(config.path)", "--storage.tsdb.path=\(data.path)", "--storage.tsdb.retention.time=100y",
                     "--log.level=warn"] + settings.flags
        if let web = settings.webConfiguration {
            let webFile = folder.appendingPathComponent("web.yml")
            try web.write(to: webFile, atomically: true, encoding: .utf8)
            flags.append("--web.config.file=\(webFile.path)")
        }
        // A free port can be taken between finding and binding it: try three.
        var lastFailure = ""
        for attempt in 1...3 {
            port = try ChildProcess.freePort()
            let server = try ChildProcess("prometheus", flags + ["--web.listen-address=127.0.0.1:\(port)"],
                                          log: folder.appendingPathComponent("prometheus-\(attempt).log"))
            child = server
            // 4: ready within 30 s, or the reason it is not.
            let deadline = Date().addingTimeInterval(30)
            while server.isRunning && Date() < deadline {
                if Self.isReady("\(url)/-/ready", headers: settings.readyHeaders) { return }
                usleep(100_000)
            }
            lastFailure = server.isRunning ? "not ready after 30 s" : "exited: \(server.logTail)"
            server.stop()
            child = nil
        }
        throw LiveTestSetupError("prometheus did not start on 127.0.0.1 (\(lastFailure))")
    }

    /// 5: ends the server, reaps it, and deletes the folder.
    func stop() {
        child?.stop()
        child = nil
        try? FileManager.default.removeItem(at: folder)
    }

    private static func isReady(_ address: String, headers: [String: String]) -> Bool {
        guard let url = URL(string: address) else { return false }
        var request = URLRequest(url: url, timeoutInterval: 2)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var ready = false
        let task = URLSession.shared.dataTask(with: request) { _, response, _ in
            ready = (response as? HTTPURLResponse)?.statusCode == 200
            done.signal()
        }
        task.resume()
        if done.wait(timeout: .now() + 3) == .timedOut { task.cancel(); return false }
        return ready
    }
}
