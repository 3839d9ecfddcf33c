import Foundation
import Ingest
import MemoryModel
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `gomemreport record` against a real Go service (built from
/// Tests/Fixtures/generators/scenarios with Debian's golang-go) that leaks goroutines.
final class RecordLiveServiceTests: XCTestCase {
    /// The scenario that leaks goroutines fast enough for a 20 s recording.
    static let leakingScenario = "worker-leak"

    private var scratch: URL!

    override func setUp() {
        scratch = Fixtures.temporaryFolder()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// 20 s at 1 s: 21 samples on schedule, valid profiles at the start, at 10 s and at
    /// the end, a complete manifest, and a report that finds the goroutine leak.
    func testRecordsALeakingServiceOnScheduleAndTheReportFindsTheLeak() throws {
        let service = try GoService.start(scenario: Self.leakingScenario)
        defer { service.stop() }
        let folder = scratch.appendingPathComponent("leak")
        let html = scratch.appendingPathComponent("leak.html")
        let result = try CommandRunner.run([
            "record", "--url", service.url.absoluteString, "--pid", String(service.pid),
            "--interval", "1s", "--duration", "20s", "--profiles-every", "10s",
            "-o", folder.path, "--then-report", html.path, "--fail-on", "insufficient-data",
        ])
        // --fail-on judges the --then-report page: 20 s is too short for a trend verdict.
        XCTAssertEqual(result.status, 3, result.stderr)
        XCTAssertTrue(result.stderr.contains("gomemreport: failing (--fail-on): found insufficient-data\n"), result.stderr)
        let files = RecordingFiles(folder: folder)

        // Samples: one per slot, each within a few hundred ms of start + k s (no drift).
        for (sub, suffix) in [("metrics", ".prom"), ("expvar", ".json"), ("proc", ".status"), ("proc", ".smaps_rollup")] {
            let times = RecordingFiles.times(files.names(sub, suffix: suffix))
            XCTAssertEqual(times.count, 21, "\(sub)/*\(suffix)")
            guard let first = times.first else { continue }
            for (k, time) in times.enumerated() {
                XCTAssertEqual(time - first, Double(k), accuracy: 0.45, "\(sub) sample \(k) is off its slot")
            }
        }
        let manifest = files.manifest
        XCTAssertEqual(manifest["schema"] as? String, "gomemreport/recording/v1")
        XCTAssertEqual(manifest["source"] as? String, "record")
        XCTAssertEqual(manifest["tool"] as? String, "gomemreport 0.1.0")
        XCTAssertEqual(manifest["state"] as? String, "completed")
        XCTAssertEqual(manifest["interval_seconds"] as? Double, 1)
        XCTAssertEqual(manifest["duration_seconds"] as? Double, 20)
        XCTAssertEqual(manifest["error_count"] as? Int, 0)
        let target = manifest["target"] as? [String: Any]
        XCTAssertEqual(target?["url"] as? String, service.url.absoluteString)
        XCTAssertEqual(target?["pid"] as? Int, Int(service.pid))
        let samples = manifest["samples"] as? [String: Int]
        XCTAssertEqual(samples?["taken"], 21)
        XCTAssertEqual(samples?["missed"], 0)
        let started = try XCTUnwrap(manifest["started"] as? String), ended = try XCTUnwrap(manifest["ended"] as? String)
        XCTAssertLessThan(started, ended)
        for name in ["metrics", "expvar", "pprof-heap", "pprof-goroutine", "proc"] {
            let endpoint = files.endpoint(name)
            XCTAssertEqual(endpoint["absent"] as? Bool, false, name)
            XCTAssertGreaterThan(endpoint["answers"] as? Int ?? 0, 0, name)
            XCTAssertEqual(endpoint["answers"] as? Int, endpoint["requests"] as? Int, name)
        }
        XCTAssertEqual(files.endpoint("metrics")["answers"] as? Int, 21)

        // Profiles: three rounds of four forms (six where Go serves goroutineleak), each
        // sharing its round's stamp, each valid.
        let rounds = manifest["profile_rounds"] as? [[String: Any]] ?? []
        XCTAssertEqual(rounds.map { $0["reason"] as? String ?? "" }, ["start", "periodic", "final"])
        let profiles = files.names("pprof", suffix: "")
        let leakProfiles = GoService.servesGoroutineLeakProfile
        XCTAssertEqual(profiles.count, leakProfiles ? 18 : 12, "Go 1.\(GoService.goMinorVersion ?? 0): \(profiles)")
        let leakEndpoint = files.endpoint("pprof-goroutineleak")
        XCTAssertEqual(leakEndpoint["absent"] as? Bool, !leakProfiles, "404 before Go 1.27 is recorded as absent")
        XCTAssertEqual(leakEndpoint["requests"] as? Int, leakProfiles ? 6 : 1, "an absent endpoint is asked once")
        var goroutineCounts: [Double] = []
        for name in profiles {
            let path = folder.appendingPathComponent("pprof/\(name)").path
            let profile = try RecordingProfiles.profile(at: path, label: name)
            if name.hasPrefix("goroutineleak-") {
                // Dispatcher's goroutines wait on channels the Dispatcher still holds:
                // a leak only the trend shows, which the runtime cannot prove.
                XCTAssertEqual(profile.profile.sampleCount, 0, name)
                continue
            }
            XCTAssertGreaterThan(profile.profile.sampleCount, 0, name)
            if name.hasPrefix("goroutine-"), name.hasSuffix(".pb.gz") {
                goroutineCounts.append(Double(profile.profile.values.reduce(0, +)))
            }
        }
        XCTAssertGreaterThan(goroutineCounts.last ?? 0, (goroutineCounts.first ?? 0) + 100, "the service leaks goroutines")

        // The report names the leak. 20 s is under the findings engine's 120 s minimum
        // window for a trend verdict, so the leak shows in the goroutine diff (function,
        // wait, +N) and the findings say why they hold back.
        let page = try String(contentsOf: html, encoding: .utf8)
        XCTAssertTrue(page.contains("main.(*Dispatcher).process"), "the --then-report page names the leaking function")
        XCTAssertTrue(page.contains("<p class=\"meta\">Recorded by gomemreport 0.1.0 from \(service.url.absoluteString) (pid \(service.pid)): 21 samples every 1 s, "),
                      "the page says how it was recorded")
        XCTAssertFalse(page.contains("While recording"), "no problems to list")
        let json = scratch.appendingPathComponent("leak.json")
        let report = try CommandRunner.run(["report", folder.path, "-o", scratch.appendingPathComponent("again.html").path, "--json", json.path])
        XCTAssertEqual(report.status, 0, report.stderr)
        let summary = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        let diff = try XCTUnwrap(summary["goroutine_diff"] as? [String: Any])
        let top = try XCTUnwrap((diff["top_changes"] as? [[String: Any]])?.first)
        XCTAssertGreaterThan(top["delta"] as? Int ?? 0, 400, "40 goroutines/s leak for 20 s")
        XCTAssertTrue((top["summary"] as? String ?? "").contains("in main.(*Dispatcher).process, blocked on select at workerleak.go:63"),
                      "\(top)")
        let findings = (summary["findings"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        XCTAssertTrue(findings.contains("insufficient-data"), "\(findings)")
        XCTAssertNil(try JSONSchemaCheck.problems(in: folder.appendingPathComponent("recording.json"), schema: "recording-v1.schema.json"))
    }
}
