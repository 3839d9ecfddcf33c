import Foundation
import TestSupport
import XCTest

/// The CLI as a user meets it: the built executable, its exit codes and its files.
final class ReportCommandTests: XCTestCase {
    var folder: URL!

    override func setUp() {
        folder = Fixtures.temporaryFolder()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: folder)
    }

    private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func testReportRendersEveryRecording() throws {
        for name in Fixtures.recordingNames {
            let result = try CommandRunner.run(["report", Fixtures.recording(name), "-o", path("\(name).html"), "--json", path("\(name).json")])
            XCTAssertEqual(result.status, 0, "\(name): \(result.stderr)")
            XCTAssertEqual(result.stdout, "", name)
            let html = try String(contentsOfFile: path("\(name).html"), encoding: .utf8)
            XCTAssertTrue(html.contains("<h2 id=\"instance-\(name)-127-0-0-1-"), name)
            XCTAssertTrue(html.hasSuffix("</html>\n"), name)
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path("\(name).json")))) as? [String: Any]
            XCTAssertEqual(json?["schema"] as? String, "gomemreport/summary/v1", name)
            // Nothing but the two outputs is left in the folder (no temporary files).
            XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: folder.path).contains { $0.hasPrefix(".") }, name)
        }
    }

    func testDemoWorksFromAnyDirectory() throws {
        let result = try CommandRunner.run(["demo", "-o", "demo.html", "--json", "demo.json"], in: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        let html = try String(contentsOfFile: path("demo.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("Demo recording."))
        XCTAssertTrue(html.contains("heapleak/127.0.0.1:46027"))
        let json = try String(contentsOfFile: path("demo.json"), encoding: .utf8)
        XCTAssertTrue(json.contains("\"go_total_bytes\" : 116572440"))
    }

    func testInstanceSelection() throws {
        let input = Fixtures.derived("two-instances.json")
        let one = try CommandRunner.run(["report", input, "--instance", "127.0.0.1:35307", "-o", path("one.html")])
        XCTAssertEqual(one.status, 0, one.stderr)
        let html = try String(contentsOfFile: path("one.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("steady/127.0.0.1:35307"))
        XCTAssertFalse(html.contains("heapleak/127.0.0.1:46027"))

        let none = try CommandRunner.run(["report", input, "--instance", "nope", "-o", path("none.html")])
        XCTAssertEqual(none.status, 1)
        XCTAssertEqual(none.stderr, "gomemreport: \(input): no instance matches 'nope'; the recording has: heapleak/127.0.0.1:46027, steady/127.0.0.1:35307\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("none.html")))
    }

    /// Each bad input: exit 1, one line on stderr that names the file, no output, and an
    /// existing report left as it was.
    func testBadInputs() throws {
        let cases: [(input: String, message: String)] = [
            ("/nonexistent/recording", "/nonexistent/recording: no such file or folder"),
            (Fixtures.bad("not-json.json"), "\(Fixtures.bad("not-json.json")): byte 0: not valid JSON: expected a JSON object (a Prometheus query_range answer)"),
            (Fixtures.bad("empty.json"), "\(Fixtures.bad("empty.json")): the file is empty; expected a Prometheus query_range JSON answer"),
            (Fixtures.bad("truncated.json"), "\(Fixtures.bad("truncated.json")): byte 5000: not valid JSON: expected ',' (at the end of the data)"),
            (Fixtures.bad("prometheus-error.json"), "\(Fixtures.bad("prometheus-error.json")): Prometheus answered with an error (bad_data): invalid parameter \"query\": 1:1: parse error: unexpected \"}\""),
            (Fixtures.bad("vector.json"), "\(Fixtures.bad("vector.json")): data.resultType: is \"vector\"; expected \"matrix\", the answer of /api/v1/query_range"),
            (Fixtures.bad("no-go-memory.json"), "\(Fixtures.bad("no-go-memory.json")): heapleak/127.0.0.1:46027: no Go memory series; expected go_memory_classes_*_bytes (runtime/metrics) or go_memstats_*_bytes (MemStats) from client_golang"),
            (Fixtures.bad("nan-memory-class.json"), "\(Fixtures.bad("nan-memory-class.json")): data.result[1].values[40]: go_memory_classes_heap_objects_bytes is NaN at Unix time 1795851243.588; memory classes must be finite byte counts from 0 to 2^60"),
        ]
        let existing = path("existing.html")
        try "previous report\n".write(toFile: existing, atomically: true, encoding: .utf8)
        for (input, message) in cases {
            let fresh = path("fresh.html")
            let result = try CommandRunner.run(["report", input, "-o", fresh, "--json", path("fresh.json")])
            XCTAssertEqual(result.status, 1, input)
            XCTAssertEqual(result.stderr, "gomemreport: \(message)\n", input)
            XCTAssertFalse(FileManager.default.fileExists(atPath: fresh), input)
            XCTAssertFalse(FileManager.default.fileExists(atPath: path("fresh.json")), input)

            let over = try CommandRunner.run(["report", input, "-o", existing])
            XCTAssertEqual(over.status, 1, input)
            XCTAssertEqual(try String(contentsOfFile: existing, encoding: .utf8), "previous report\n", input)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["existing.html"])
    }

    func testEdgeShapedAnswers() throws {
        // One sample of every memory class: a report, not a crash.
        let recording = try String(contentsOfFile: Fixtures.derived("heapleak-no-rss.json"), encoding: .utf8)
        let oneSample = recording.replacingOccurrences(
            of: #"\],\[1795851165\.588,[^\]]*\]"#, with: "]", options: .regularExpression)
            .replacingOccurrences(of: #""values":\[\[1795851163\.588,("[0-9]+")\][^}]*\]\}"#, with: #""values":[[1795851163.588,$1]]}"#, options: .regularExpression)
        try oneSample.write(toFile: path("one.json"), atomically: true, encoding: .utf8)
        let single = try CommandRunner.run(["report", path("one.json"), "-o", path("one.html"), "--json", path("one-summary.json")])
        XCTAssertEqual(single.status, 0, single.stderr)
        XCTAssertTrue(try String(contentsOfFile: path("one-summary.json"), encoding: .utf8).contains("\"samples\" : 1"))

        // An answer that also holds a non-Go job: the Go instance is reported, the other named.
        let other = #"{"metric":{"__name__":"up","job":"node","instance":"n:9100"},"values":[[1795851163.588,"1"]]}"#
        let mixed = recording.replacingOccurrences(of: #""result":["#, with: #""result":["# + other + ",")
        try mixed.write(toFile: path("mixed.json"), atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["report", path("mixed.json"), "-o", path("mixed.html")])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("warning: skipping node/n:9100: it has no complete set of Go memory series"), result.stderr)

        // No series at all.
        try #"{"status":"success","data":{"resultType":"matrix","result":[]}}"#.write(toFile: path("empty.json"), atomically: true, encoding: .utf8)
        let empty = try CommandRunner.run(["report", path("empty.json"), "-o", path("empty.html")])
        XCTAssertEqual(empty.status, 1)
        XCTAssertEqual(empty.stderr, "gomemreport: \(path("empty.json")): the answer holds no series\n")
    }

    func testUnwritableOutputFailsCleanly() throws {
        let result = try CommandRunner.run(["report", Fixtures.recording("steady"), "-o", path("no/such/folder/r.html")])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.hasPrefix("gomemreport: \(path("no/such/folder/r.html")): cannot write"), result.stderr)
        XCTAssertEqual(result.stderr.filter { $0 == "\n" }.count, 1)
    }

    func testTemplateOverrides() throws {
        let templates = folder.appendingPathComponent("templates"), assets = folder.appendingPathComponent("assets")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: assets, withIntermediateDirectories: true)
        try "<p>{{title}}</p>{{#instances}}<h2>{{title}}</h2>{{/instances}}<style>{{{css}}}</style>\n"
            .write(to: templates.appendingPathComponent("page.mustache"), atomically: true, encoding: .utf8)
        try "body { color: purple }".write(to: assets.appendingPathComponent("report.css"), atomically: true, encoding: .utf8)
        let ok = try CommandRunner.run(["report", Fixtures.recording("steady"), "-o", path("b.html"),
                                        "--templates", templates.path, "--assets", assets.path])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertEqual(try String(contentsOfFile: path("b.html"), encoding: .utf8),
                       "<p>Go memory report: steady</p><h2>steady/127.0.0.1:35307</h2><style>body { color: purple }</style>\n")

        try "<p>{{title}}</p>\n{{tilte}}\n".write(to: templates.appendingPathComponent("page.mustache"), atomically: true, encoding: .utf8)
        let unknown = try CommandRunner.run(["report", Fixtures.recording("steady"), "-o", path("c.html"), "--templates", templates.path])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertEqual(unknown.stderr, "gomemreport: \(templates.path)/page.mustache:2: unknown template variable 'tilte'\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("c.html")))

        try "<p>{{title}</p>\n".write(to: templates.appendingPathComponent("page.mustache"), atomically: true, encoding: .utf8)
        let syntax = try CommandRunner.run(["report", Fixtures.recording("steady"), "-o", path("d.html"), "--templates", templates.path])
        XCTAssertEqual(syntax.status, 1)
        XCTAssertTrue(syntax.stderr.hasPrefix("gomemreport: \(templates.path)/page.mustache:1: template syntax error"), syntax.stderr)
    }

    func testUsageHelpAndVersion() throws {
        let noArguments = try CommandRunner.run(["report"])
        XCTAssertEqual(noArguments.status, 2)
        XCTAssertTrue(noArguments.stderr.contains("Missing expected argument"), noArguments.stderr)

        let unknownFlag = try CommandRunner.run(["report", "x", "-o", "y", "--frobnicate"])
        XCTAssertEqual(unknownFlag.status, 2)

        let version = try CommandRunner.run(["--version"])
        XCTAssertEqual(version.status, 0)
        XCTAssertTrue(version.stdout.hasPrefix("gomemreport "), version.stdout)

        let help = try CommandRunner.run(["--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("gomemreport demo -o demo.html"))
        let reportHelp = try CommandRunner.run(["report", "--help"])
        XCTAssertEqual(reportHelp.status, 0)
        XCTAssertTrue(reportHelp.stdout.contains("Examples:"))
        XCTAssertTrue(reportHelp.stdout.contains("--instance"))
    }
}

final class SeriesHygieneReportTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = Fixtures.temporaryFolder()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Out-of-order and duplicate samples: a report, with a warning on stderr and on the page.
    func testRepairedInputIsWarnedAboutAndListed() throws {
        let input = Fixtures.derived("out-of-order.json")
        let result = try CommandRunner.run(["report", input, "-o", path("r.html"), "--json", path("r.json")])
        XCTAssertEqual(result.status, 0, result.stderr)
        let warnings = result.stderr.split(separator: "\n").filter { $0.hasPrefix("gomemreport: warning: repaired ") }
        XCTAssertEqual(warnings, [
            "gomemreport: warning: repaired \(input): data.result[0]: go_memory_classes_heap_free_bytes: 1 sample out of time order (sorted); the first at Unix time 1795851183.588, after 1795851185.588",
            "gomemreport: warning: repaired \(input): data.result[1]: go_memory_classes_heap_objects_bytes: 1 duplicate timestamp (kept the value read last); the first at Unix time 1795851203.588, after 1795851203.588",
        ])
        let html = try String(contentsOfFile: path("r.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<li>Repaired out-of-order.json: data.result[1]: go_memory_classes_heap_objects_bytes: 1 duplicate timestamp"))
        let summary = try String(contentsOfFile: path("r.json"), encoding: .utf8)
        XCTAssertTrue(summary.contains(#""Repaired out-of-order.json: data.result[0]: go_memory_classes_heap_free_bytes: 1 sample out of time order"#))
    }

    /// A restart is marked on the chart, named in the notes and listed in the summary.
    func testRestartIsMarked() throws {
        let result = try CommandRunner.run(["report", Fixtures.derived("restart.json"), "-o", path("r.html"), "--json", path("r.json")])
        XCTAssertEqual(result.status, 0, result.stderr)
        let html = try String(contentsOfFile: path("r.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<g><title>Restart at 2026-11-28 07:35:12 UTC: process_start_time_seconds changed from 07:32:34 to 07:35:12 UTC</title><line "))
        XCTAssertTrue(html.contains("The process restarted once in the window: 07:35:12 UTC"))
        XCTAssertTrue(html.contains("1,013 GC cycles in the window (200.0 per minute) · 1 restart"))
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path("r.json")))) as! [String: Any]
        let instance = (summary["instances"] as! [[String: Any]])[0]
        let restarts = instance["restarts"] as! [[String: String]]
        XCTAssertEqual(restarts, [["time": "2026-11-28T07:35:12.588Z", "evidence": "process-start-time",
                                   "detail": "process_start_time_seconds changed from 07:32:34 to 07:35:12 UTC"]])
        XCTAssertEqual(instance["gc_cycles"] as? Int, 1013)
        XCTAssertEqual(instance["data_notes"] as? [String], ["no-gc-settings", "no-live-heap", "no-gc-cpu", "no-goroutine-states"])
    }

    /// The underflow of heap/unused drops three samples instead of failing the run.
    func testUnderflowIsNotFatal() throws {
        let result = try CommandRunner.run(["report", Fixtures.derived("heap-unused-underflow.json"), "-o", path("u.html"), "--json", path("u.json")])
        XCTAssertEqual(result.status, 0, result.stderr)
        let summary = try String(contentsOfFile: path("u.json"), encoding: .utf8)
        XCTAssertTrue(summary.contains(#""samples" : 145"#))
        XCTAssertTrue(summary.contains(#""heap-unused-underflow""#))
        let html = try String(contentsOfFile: path("u.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("exceeded 2^63 at 3 samples (first at 07:33:43 UTC)"))
    }
}

final class FailOnTests: XCTestCase {
    private var folder: URL!
    override func setUp() { folder = Fixtures.temporaryFolder() }
    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    /// --fail-on: exit 3 after writing the report when a finding matches; 0 otherwise;
    /// a severity matches itself and worse.
    func testFailOn() throws {
        let heapleak = Fixtures.recording("heapleak"), steady = Fixtures.recording("steady")
        let cases: [(recording: String, rule: String, status: Int32)] = [
            (heapleak, "heap-leak", 3), (heapleak, "goroutine-leak", 0), (heapleak, "goroutine-leak,heap-leak", 3),
            (heapleak, "critical", 3), (heapleak, "warning", 3), (steady, "warning", 0), (steady, "info", 3),
        ]
        for (recording, rule, status) in cases {
            let output = folder.appendingPathComponent("r.html").path
            try? FileManager.default.removeItem(atPath: output)
            let result = try CommandRunner.run(["report", recording, "--fail-on", rule, "-o", output])
            XCTAssertEqual(result.status, status, "\(recording) \(rule): \(result.stderr)")
            XCTAssertTrue(FileManager.default.fileExists(atPath: output), "the report is written either way")
            if status == 3 { XCTAssertTrue(result.stderr.contains("gomemreport: failing (--fail-on): found "), result.stderr) }
        }
        let bad = try CommandRunner.run(["report", heapleak, "--fail-on", "heap-leek", "-o", folder.appendingPathComponent("x.html").path])
        XCTAssertEqual(bad.status, 2)
    }

    /// The report leads with its findings, and says "Nothing to fix" when there is none.
    func testFindingsLeadThePage() throws {
        let output = folder.appendingPathComponent("s.html").path
        XCTAssertEqual(try CommandRunner.run(["report", Fixtures.recording("steady"), "-o", output]).status, 0)
        let steady = try String(contentsOfFile: output, encoding: .utf8)
        XCTAssertTrue(steady.contains("<h2 id=\"findings-heading\">Findings: Nothing to fix</h2>"))
        XCTAssertLessThan(steady.range(of: "findings-heading")!.lowerBound, steady.range(of: "<section class=\"instance\"")!.lowerBound)
        XCTAssertEqual(try CommandRunner.run(["report", Fixtures.recording("heapleak"), "-o", output]).status, 0)
        let heapleak = try String(contentsOfFile: output, encoding: .utf8)
        XCTAssertTrue(heapleak.contains("<h2 id=\"findings-heading\">Findings: 1 critical</h2>"))
        XCTAssertTrue(heapleak.contains("go tool pprof -top -diff_base pprof/heap-20261128T073242588Z.pb.gz pprof/heap-20261128T073737664Z.pb.gz"))
        XCTAssertTrue(heapleak.contains("<rect x=\"") && heapleak.contains("<title>Critical: Heap leak: the live heap grows"))
    }
}

final class ReportSizeTests: XCTestCase {
    /// Reports are attached to mail and tickets: each shared recording's stays under 1 MiB.
    func testReportsOfTheSharedRecordingsStayUnderOneMebibyte() throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["goroutineleak", "heapleak", "mixed", "mmap", "spiky", "steady", "virtual"] {
            let output = folder.appendingPathComponent("\(name).html").path
            XCTAssertEqual(try CommandRunner.run(["report", Fixtures.recording(name), "-o", output]).status, 0, name)
            let size = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: output)[.size] as? Int)
            XCTAssertLessThan(size, 1 << 20, name)
            XCTAssertGreaterThan(size, 50_000, name)
        }
    }
}
