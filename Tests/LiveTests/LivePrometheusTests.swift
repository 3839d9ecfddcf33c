import Analysis
import Foundation
import Ingest
import LiveQuery
import MemoryModel
import TestSupport
import XCTest

/// `report --prometheus` against a real Prometheus holding heapleak's scrapes.
final class LivePrometheusTests: PrometheusTestCase {
    /// The live report equals the report of the scrapes themselves, and each answer's
    /// every sample is the scrape that Prometheus's lookback picks for its step.
    func testLiveReportEqualsTheScrapes() throws {
        let offline = try CommandRunner.run(["report", "--scrapes", PrometheusServer.scrapes, "-o", path("scrapes.html"), "--json", path("scrapes.json")])
        XCTAssertEqual(offline.status, 0, offline.stderr)
        let result = try live(Self.window + ["-o", path("live.html"), "--json", path("live.json"), "--save-recording", path("rec")])
        XCTAssertEqual(result.status, 0, result.stderr)

        let scraped = try json(path("scrapes.json")), fetched = try json(path("live.json"))
        XCTAssertEqual((fetched["window"] as? [String: Any])?["samples"] as? Int, 59)
        XCTAssertEqual((scraped["window"] as? [String: Any])?["samples"] as? Int, 59)
        for moment in ["last", "peak"] {
            var expected = try XCTUnwrap(scraped[moment] as? [String: Any]), actual = try XCTUnwrap(fetched[moment] as? [String: Any])
            // A step's time is 2.5 s after the scrape it shows.
            let scrapeTime = try XCTUnwrap(TimeRangeParser.instant(expected.removeValue(forKey: "time") as? String ?? ""))
            let stepTime = try XCTUnwrap(TimeRangeParser.instant(actual.removeValue(forKey: "time") as? String ?? ""))
            XCTAssertEqual(stepTime - scrapeTime, 2.5, accuracy: 0.06, moment)
            XCTAssertEqual((actual["categories"] as? [String: Any])?.count, 8, moment)
            XCTAssertEqual(NSDictionary(dictionary: actual), NSDictionary(dictionary: expected), moment)
        }
        XCTAssertEqual((fetched["last"] as? [String: Any])?["go_total_bytes"] as? Int, Self.lastGoMemory)
        let instance = try XCTUnwrap((fetched["instances"] as? [[String: Any]])?.first)
        XCTAssertEqual(instance["job"] as? String, PrometheusServer.job)
        XCTAssertEqual(instance["instance"] as? String, PrometheusServer.instance)
        XCTAssertEqual(instance["source"] as? String, "runtime/metrics")

        // Sample for sample: each step shows the latest scrape at or before it.
        let scrapes = Dictionary(grouping: try SnapshotFolder.load(.scrapes, in: PrometheusServer.scrapes, job: PrometheusServer.job), by: \.name)
        var compared = 0
        for name in ReportedSeriesNames.exported {
            let file = path("rec/prometheus/\(name).json")
            let answer = try PrometheusRangeReader.read(Fixtures.bytes(file), file: file)
            guard let recorded = scrapes[name]?.first else {
                XCTAssertEqual(answer.count, 0, "\(name) is not in the Go 1.19 scrapes")
                continue
            }
            let series = try XCTUnwrap(answer.first, name)
            XCTAssertEqual(answer.count, 1, name)
            XCTAssertEqual(series.labels, recorded.labels.merging(["instance": PrometheusServer.instance]) { $1 }, name)
            XCTAssertEqual(series.timestamps.count, 59, name)
            for (time, value) in zip(series.timestamps, series.values) {
                let index = try XCTUnwrap(recorded.timestamps.lastIndex { $0 <= time }, "\(name) at \(time)")
                XCTAssertEqual(value, recorded.values[index], "\(name) at \(time)")
            }
            compared += 1
        }
        XCTAssertEqual(compared, 38)  // of ReportedSeriesNames, those a Go 1.19 service exports
    }

    /// The saved recording renders offline to the same bytes, and holds no secret.
    func testSavedRecordingRendersTheSameOfflineAndHoldsNoSecret() throws {
        let token = "token-4c1d-never-saved", tenant = "tenant-9e2f-never-saved"
        let result = try live(Self.window + ["--header", "X-Scope-OrgID: \(tenant)", "-o", path("live.html"), "--json", path("live.json"),
                                             "--save-recording", path("incident")],
                              environment: ["GOMEMREPORT_PROMETHEUS_TOKEN": token])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(result.stderr.contains(token) || result.stderr.contains(tenant), result.stderr)

        let offline = try CommandRunner.run(["report", path("incident"), "-o", path("offline.html"), "--json", path("offline.json")])
        XCTAssertEqual(offline.status, 0, offline.stderr)
        XCTAssertEqual(Fixtures.bytes(path("offline.html")), Fixtures.bytes(path("live.html")))
        XCTAssertEqual(Fixtures.bytes(path("offline.json")), Fixtures.bytes(path("live.json")))
        let html = try String(contentsOfFile: path("live.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("Recording <strong>incident</strong> · read from <code>prometheus/*.json (\(ReportedSeriesNames.exported.count) files)</code>"))
        XCTAssertTrue(html.contains("<p class=\"meta\">Queried by gomemreport 0.1.0 from \(server.url) for {job=&quot;heapleak&quot;,instance=&quot;127.0.0.1:6060&quot;}, 2026-11-28 07:32:45 – 07:37:35 UTC at a 5s step.</p>"),
                      "the page says where the series came from")

        let files = try FileManager.default.subpathsOfDirectory(atPath: path("incident")).sorted()
        XCTAssertEqual(files, ["prometheus"] + ReportedSeriesNames.exported.map { "prometheus/\($0).json" } + ["recording.json"])
        for file in files where file.hasSuffix(".json") {
            let text = try String(contentsOfFile: path("incident/\(file)"), encoding: .utf8)
            XCTAssertFalse(text.contains(token) || text.contains(tenant), file)
        }
        XCTAssertNil(try JSONSchemaCheck.problems(in: URL(fileURLWithPath: path("incident/recording.json")), schema: "recording-v1.schema.json"))
        let manifest = try json(path("incident/recording.json"))
        XCTAssertEqual(manifest["source"] as? String, "prometheus")
        XCTAssertEqual(manifest["url"] as? String, server.url)
        XCTAssertEqual(manifest["selector"] as? String, "{job=\"heapleak\",instance=\"127.0.0.1:6060\"}")
        XCTAssertEqual(manifest["start"] as? String, "2026-11-28T07:32:45.114Z")
        XCTAssertEqual(manifest["end"] as? String, "2026-11-28T07:37:35.114Z")
        XCTAssertEqual(manifest["step"] as? String, "5s")
        XCTAssertEqual(manifest["header_names"] as? [String], ["Authorization", "X-Scope-OrgID"])
        XCTAssertEqual(manifest["tool"] as? String, "gomemreport 0.1.0")
        XCTAssertEqual((manifest["queries"] as? [String])?.count, ReportedSeriesNames.exported.count)

        // A second save into the now full folder is refused before any query.
        let again = try live(Self.window + ["-o", path("again.html"), "--save-recording", path("incident")])
        XCTAssertEqual(again.status, 1)
        XCTAssertEqual(again.stderr, "gomemreport: \(path("incident")): already exists and is not empty; give a new folder to save the recording in\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("again.html")))
    }

    func testSelectorThatMatchesNothing() throws {
        let result = try live(Self.window + ["-o", path("none.html"), "--save-recording", path("rec")], selector: "{job=\"nothing\"}")
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, """
            gomemreport: \(server.url)/api/v1/query_range: no Go memory series matched {job="nothing"} between \
            2026-11-28T07:32:45.114Z and 2026-11-28T07:37:35.114Z: check --selector labels and the time range

            """)
        try assertNothingWritten()
    }

    /// `--since` as a duration before `--until`, and `--step auto`: a week in 5-minute steps.
    func testDurationBeforeUntilAndAutoStep() throws {
        let result = try live(["--since", "1w", "--until", "2026-11-28T07:40:00Z", "--step", "auto", "-o", path("week.html"),
                               "--json", path("week.json"), "--save-recording", path("week")])
        XCTAssertEqual(result.status, 0, result.stderr)
        let manifest = try json(path("week/recording.json"))
        XCTAssertEqual(manifest["start"] as? String, "2026-11-21T07:40:00Z")
        XCTAssertEqual(manifest["step"] as? String, "5m")
        // Steps at 07:35 and 07:40 see the recording (07:40 within the 5-minute lookback).
        XCTAssertEqual((try json(path("week.json"))["window"] as? [String: Any])?["samples"] as? Int, 2)
    }

    func testUnreachableServer() throws {
        let closed = try ClosedPort()
        let port = closed.port
        let result = try CommandRunner.run(["report", "--prometheus", "http://127.0.0.1:\(port)", "--since", "1h", "-o", path("x.html"),
                                            "--save-recording", path("rec")])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "gomemreport: cannot reach http://127.0.0.1:\(port)/api/v1/query_range (connection refused or no route, 3 attempts): check --prometheus and that the server is up\n")
        try assertNothingWritten()
        withExtendedLifetime(closed) {}
    }

    func testResponseSizeCap() throws {
        let result = try live(Self.window + ["--max-response-bytes", "1000", "-o", path("x.html"), "--save-recording", path("rec")])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.hasPrefix("gomemreport: \(server.url)/api/v1/query_range: the answer to go_"), result.stderr)
        XCTAssertTrue(result.stderr.hasSuffix(" is larger than --max-response-bytes 1000: raise --max-response-bytes, or use a larger --step or a shorter window\n"), result.stderr)
        try assertNothingWritten()
    }

    func testUsageErrors() throws {
        let tooFine = try live(["--since", "1w", "--until", "2026-11-28T07:40:00Z", "--step", "1s", "-o", path("x.html")])
        XCTAssertEqual(tooFine.status, 2)
        XCTAssertTrue(tooFine.stderr.contains("--step 1s over 604800s makes 604801 points per series; Prometheus allows at most 11,000"), tooFine.stderr)
        let withRecording = try live(["-o", path("x.html"), Fixtures.recording("heapleak")])
        XCTAssertEqual(withRecording.status, 2)
        XCTAssertTrue(withRecording.stderr.contains("--prometheus queries a server: give no recording"), withRecording.stderr)
        let withScrapes = try live(["-o", path("x.html"), "--scrapes", PrometheusServer.scrapes])
        XCTAssertEqual(withScrapes.status, 2)
        let badSince = try live(["--since", "yesterday", "-o", path("x.html")])
        XCTAssertEqual(badSince.status, 2)
        XCTAssertTrue(badSince.stderr.contains("--since 'yesterday' is neither a duration (90s, 30m, 6h, 2d, 1w) nor a time"), badSince.stderr)
        let orphan = try CommandRunner.run(["report", Fixtures.recording("heapleak"), "--selector", "{job=\"x\"}", "-o", path("x.html")])
        XCTAssertEqual(orphan.status, 2)
        try assertNothingWritten()
    }

    /// No report, and no recording folder nor a temporary one beside it.
    private func assertNothingWritten(file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "incident" }, [], file: file, line: line)
    }
}
