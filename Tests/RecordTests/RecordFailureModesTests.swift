import Foundation
import Ingest
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// How `gomemreport record` behaves when the service or the machine misbehaves: hangs,
/// 500s, 404s, the process exiting, Ctrl-C once and twice. Every test uses 127.0.0.1.
final class RecordFailureModesTests: XCTestCase {
    private var scratch: URL!

    override func setUp() {
        scratch = Fixtures.temporaryFolder()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// A listener that accepts connections and never answers: every request times out,
    /// the recording still ends on time, and the run fails with one line that says why.
    func testAServerThatNeverAnswersTimesOutOnScheduleAndFails() throws {
        let listener = try HangingListener()
        defer { listener.close() }
        let folder = scratch.appendingPathComponent("hang")
        let started = Date()
        let result = try CommandRunner.run([
            "record", "--url", listener.url.absoluteString, "--interval", "1s", "--duration", "2s",
            "--timeout", "300ms", "-o", folder.path, "--quiet",
        ])
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertEqual(result.status, 1)
        let lines = result.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("nothing recorded from \(listener.url.absoluteString)"), result.stderr)
        XCTAssertTrue(result.stderr.contains("no answer within the timeout"), result.stderr)
        // Slots at 0, 1 and 2 s; one 0.3 s profile timeout after the first and the last.
        XCTAssertLessThan(elapsed, 5, "the schedule held despite the hangs")
        let files = RecordingFiles(folder: folder)
        XCTAssertEqual(files.failures("metrics", kind: "timeout"), 3)
        XCTAssertEqual(files.failures("expvar", kind: "timeout"), 3)
        XCTAssertEqual(files.failures("pprof-heap", kind: "timeout"), 2, "one per round: the rest of a round is skipped")
        XCTAssertEqual(files.manifest["state"] as? String, "completed")
    }

    /// /metrics hangs while expvar answers: expvar keeps its schedule, the hangs are counted.
    func testAHangingEndpointDoesNotStopTheOthers() throws {
        let service = try GoService.start(scenario: RecordLiveServiceTests.leakingScenario)
        defer { service.stop() }
        let folder = scratch.appendingPathComponent("slow")
        let result = try CommandRunner.run([
            "record", "--url", service.url.absoluteString, "--metrics-path", "/slow/metrics",
            "--interval", "1s", "--duration", "4s", "--timeout", "400ms", "--profiles-every", "off",
            "-o", folder.path, "--quiet",
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        let files = RecordingFiles(folder: folder)
        let times = RecordingFiles.times(files.names("expvar", suffix: ".json"))
        XCTAssertEqual(times.count, 5)
        for (k, time) in times.enumerated() { XCTAssertEqual(time - times[0], Double(k), accuracy: 0.45) }
        XCTAssertEqual(files.names("metrics", suffix: ".prom"), [])
        XCTAssertEqual(files.failures("metrics", kind: "timeout"), 5)
        XCTAssertEqual(files.manifest["error_count"] as? Int, 5)
    }

    /// A 500 at /metrics and a 404 at expvar's path: the 500 is counted at every slot, the
    /// 404 is asked once and noted; the report renders from what was recorded.
    func testA500IsCountedAndA404IsAskedOnce() throws {
        let service = try GoService.start(scenario: RecordLiveServiceTests.leakingScenario)
        defer { service.stop() }
        let folder = scratch.appendingPathComponent("broken")
        let html = scratch.appendingPathComponent("broken.html")
        // /metrics answers 500; the real /metrics stands in for expvar to be recorded.
        let result = try CommandRunner.run([
            "record", "--url", service.url.absoluteString, "--metrics-path", "/broken/metrics",
            "--expvar-path", "/debug/vars", "--pprof-prefix", "/no/pprof",
            "--interval", "1s", "--duration", "3s", "-o", folder.path, "--then-report", html.path,
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("/no/pprof/heap answered 404: not asked again"), result.stderr)
        let files = RecordingFiles(folder: folder)
        XCTAssertEqual(files.failures("metrics", kind: "http-500"), 4)
        XCTAssertEqual(files.endpoint("pprof-heap")["requests"] as? Int, 1)
        XCTAssertEqual(files.endpoint("pprof-heap")["absent"] as? Bool, true)
        XCTAssertEqual(files.names("expvar", suffix: ".json").count, 4)
        XCTAssertEqual(files.names("pprof", suffix: ""), [])
        let page = try String(contentsOf: html, encoding: .utf8)
        XCTAssertTrue(page.contains("<h2 id=\"recorder-problems-heading\">While recording</h2>"), "the report renders from expvar alone")
        XCTAssertTrue(page.contains("<li>\(service.url.absoluteString)/broken/metrics: HTTP 500, 4 of 4 requests ("), "the page lists the failures")
        XCTAssertTrue(page.contains("<li>\(service.url.absoluteString)/no/pprof/heap answered 404: not asked again</li>"))
    }

    /// The recorded process exits: the recording ends there, marked so, and renders.
    func testTheProcessExitingEndsTheRecording() throws {
        let service = try GoService.start(scenario: RecordLiveServiceTests.leakingScenario)
        defer { service.stop() }
        let folder = scratch.appendingPathComponent("exited")
        let html = scratch.appendingPathComponent("exited.html")
        let recorder = try RecorderProcess([
            "--url", service.url.absoluteString, "--pid", String(service.pid), "--interval", "1s", "--duration", "30s",
            "--timeout", "500ms", "-o", folder.path, "--then-report", html.path,
        ])
        Thread.sleep(forTimeInterval: 4)
        service.kill()
        let ended = try XCTUnwrap(recorder.wait(atMost: 15), "the recorder did not end after its process exited")
        XCTAssertEqual(ended.status, 0, ended.stderr)
        XCTAssertLessThan(ended.elapsed, 12)
        XCTAssertTrue(ended.stderr.contains("process \(service.pid) exited"), ended.stderr)
        let files = RecordingFiles(folder: folder)
        XCTAssertEqual(files.manifest["state"] as? String, "target-exited")
        XCTAssertGreaterThanOrEqual(files.names("metrics", suffix: ".prom").count, 3)
        XCTAssertTrue(FileManager.default.fileExists(atPath: html.path))
    }

    /// Ctrl-C mid-recording: the final profiles are taken, the manifest says so, and both
    /// --then-report and a later report render the recording.
    func testSIGINTEndsWithFinalProfilesAndARecordingThatRenders() throws {
        let service = try GoService.start(scenario: RecordLiveServiceTests.leakingScenario)
        defer { service.stop() }
        let folder = scratch.appendingPathComponent("interrupted")
        let html = scratch.appendingPathComponent("interrupted.html")
        let recorder = try RecorderProcess([
            "--url", service.url.absoluteString, "--interval", "1s", "--duration", "60s",
            "-o", folder.path, "--then-report", html.path,
        ])
        Thread.sleep(forTimeInterval: 4.5)
        recorder.signal(SIGINT)
        let ended = try XCTUnwrap(recorder.wait(atMost: 20), "the recorder did not end after SIGINT")
        XCTAssertEqual(ended.status, 0, ended.stderr)
        XCTAssertLessThan(ended.elapsed, 15)
        let files = RecordingFiles(folder: folder)
        XCTAssertEqual(files.manifest["state"] as? String, "interrupted")
        let rounds = files.manifest["profile_rounds"] as? [[String: Any]] ?? []
        XCTAssertEqual(rounds.map { $0["reason"] as? String ?? "" }, ["start", "final"])
        XCTAssertEqual(files.names("pprof", suffix: "").count, GoService.servesGoroutineLeakProfile ? 12 : 8)
        XCTAssertEqual(files.allNames.filter { $0.hasSuffix(".partial") }, [])
        XCTAssertTrue(FileManager.default.fileExists(atPath: html.path), "--then-report ran after Ctrl-C")
        let again = try CommandRunner.run(["report", folder.path, "-o", scratch.appendingPathComponent("again.html").path])
        XCTAssertEqual(again.status, 0, again.stderr)
    }

    /// A second Ctrl-C stops at once with 130; what was written is still a valid recording.
    func testASecondSIGINTStopsAtOnceAndLeavesAValidRecording() throws {
        let service = try GoService.start(scenario: RecordLiveServiceTests.leakingScenario)
        defer { service.stop() }
        let folder = scratch.appendingPathComponent("stopped")
        // expvar's path hangs for 0.8 s of every 1 s slot, so both signals land while a
        // request is in flight: the first asks for a graceful stop, the second must not wait.
        let recorder = try RecorderProcess([
            "--url", service.url.absoluteString, "--expvar-path", "/slow/metrics", "--interval", "1s", "--duration", "60s",
            "--timeout", "800ms", "-o", folder.path,
        ])
        Thread.sleep(forTimeInterval: 3.5)
        recorder.signal(SIGINT)
        Thread.sleep(forTimeInterval: 0.1)
        recorder.signal(SIGINT)
        let ended = try XCTUnwrap(recorder.wait(atMost: 5), "a second SIGINT did not stop the recorder at once")
        XCTAssertEqual(ended.status, 130, ended.stderr)
        XCTAssertLessThan(ended.elapsed, 4.5, "stopped at once, not after the hanging request")
        let files = RecordingFiles(folder: folder)
        XCTAssertEqual(files.manifest["state"] as? String, "stopped-at-once")
        XCTAssertEqual(files.allNames.filter { $0.hasSuffix(".partial") }, [])
        XCTAssertGreaterThanOrEqual(files.names("metrics", suffix: ".prom").count, 3)
        let report = try CommandRunner.run(["report", folder.path, "-o", scratch.appendingPathComponent("stopped.html").path])
        XCTAssertEqual(report.status, 0, report.stderr)
    }

    /// A folder that already holds something is refused before anything is asked.
    func testANonEmptyOutputFolderIsRefused() throws {
        let folder = scratch.appendingPathComponent("used")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: folder.appendingPathComponent("keep.txt").path, contents: Data("x".utf8))
        let result = try CommandRunner.run(["record", "--url", "http://127.0.0.1:9", "-o", folder.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "gomemreport: \(folder.path): is not empty; give a new folder for the recording\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["keep.txt"])
    }
}

extension RecordFailureModesTests {
    /// The disk refusing a file (here: `metrics/` replaced by a plain file, which gives
    /// ENOTDIR even to root) ends the run with one line naming the file; the manifest
    /// says `write-failed`.
    func testAWriteFailureEndsTheRunCleanly() throws {
        let service = try GoService.start(scenario: RecordLiveServiceTests.leakingScenario)
        defer { service.stop() }
        let folder = scratch.appendingPathComponent("refused")
        let recorder = try RecorderProcess([
            "--url", service.url.absoluteString, "--interval", "1s", "--duration", "30s", "--pprof-prefix", "off",
            "-o", folder.path,
        ])
        Thread.sleep(forTimeInterval: 2.5)
        let metrics = folder.appendingPathComponent("metrics")
        try FileManager.default.removeItem(at: metrics)
        FileManager.default.createFile(atPath: metrics.path, contents: Data("in the way\n".utf8))
        let ended = try XCTUnwrap(recorder.wait(atMost: 5), "the recorder did not stop when writing failed")
        XCTAssertEqual(ended.status, 1)
        let lastLine = ended.stderr.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(lastLine.hasPrefix("gomemreport: cannot write \(metrics.path)/"), ended.stderr)
        XCTAssertTrue(lastLine.hasSuffix(".prom: Not a directory; the recording stops here"), ended.stderr)
        let files = RecordingFiles(folder: folder)
        XCTAssertEqual(files.manifest["state"] as? String, "write-failed")
        XCTAssertEqual(files.allNames.filter { $0.hasSuffix(".partial") }, [])
    }

    /// `--cgroup DIR` saves the four memory files at every sample, and the report reads
    /// memory.events with the others.
    func testACgroupFolderIsSampledWithItsEvents() throws {
        let service = try GoService.start(scenario: RecordLiveServiceTests.leakingScenario)
        defer { service.stop() }
        let cgroup = scratch.appendingPathComponent("cgroup-v2")
        try FileManager.default.createDirectory(at: cgroup, withIntermediateDirectories: true)
        let files: [String: String] = [
            "memory.stat": "anon 104857600\nfile 8388608\nkernel 2097152\nshmem 0\n",
            "memory.current": "115343360\n",
            "memory.max": "268435456\n",
            "memory.events": "low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\noom_group_kill 0\n",
        ]
        for (name, text) in files { try Data(text.utf8).write(to: cgroup.appendingPathComponent(name)) }
        let folder = scratch.appendingPathComponent("contained")
        let result = try CommandRunner.run([
            "record", "--url", service.url.absoluteString, "--cgroup", cgroup.path, "--interval", "1s", "--duration", "2s",
            "--pprof-prefix", "off", "-o", folder.path, "--quiet",
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        let recording = RecordingFiles(folder: folder)
        for suffix in [".stat", ".current", ".max", ".events"] {
            XCTAssertEqual(recording.names("cgroup", suffix: suffix).count, 3, suffix)
        }
        XCTAssertEqual((recording.manifest["target"] as? [String: Any])?["cgroup"] as? String, cgroup.path)
        let loaded = try RecordingFolder.load(path: folder.path)
        let names = Set(loaded.instances[0].series.map(\.name))
        XCTAssertTrue(names.isSuperset(of: ["cgroup_memory_events_oom_kill_total", "cgroup_memory_max_bytes", "cgroup_memory_kernel_bytes"]), "\(names.sorted())")
    }
}
