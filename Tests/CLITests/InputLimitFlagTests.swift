import Foundation
import TestSupport
import XCTest

/// The `--max-*` flags: each limit refuses what is past it with one line that names the
/// file and the flag, and raising it lets a genuine but big input through.
final class InputLimitFlagTests: XCTestCase {
    private var folder: URL!

    override func setUp() {
        folder = Fixtures.temporaryFolder()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: folder)
    }

    private var report: String { folder.appendingPathComponent("report.html").path }

    func testMaxLineBytesLetsLongNotesThrough() throws {
        let notes = folder.appendingPathComponent("notes.md")
        // A 2 MiB paragraph: big, but Markdown.
        let text = "# Incident\n" + String(repeating: "word ", count: 2 << 20 / 5) + "\n"
        try text.write(to: notes, atomically: true, encoding: .utf8)
        let refused = try CommandRunner.run(["report", Fixtures.queryRange("heapleak"), "--notes", notes.path, "-o", report])
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.stderr, "gomemreport: \(notes.path): line 2: a line longer than 1 MiB (from byte 11); raise the limit with --max-line-bytes if this input is genuine\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: report))

        let raised = try CommandRunner.run(["report", Fixtures.queryRange("heapleak"), "--notes", notes.path, "--max-line-bytes", "4MiB", "-o", report])
        XCTAssertEqual(raised.status, 0, raised.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: report))
    }

    func testMaxLineBytesLetsALongFunctionNameThrough() throws {
        let dump = folder.appendingPathComponent("goroutine.debug2.txt")
        let name = "main." + String(repeating: "x", count: 2 << 20)
        try "goroutine 1 [running]:\n\(name)()\n\t/src/main.go:7 +0x1d\n\n".write(to: dump, atomically: true, encoding: .utf8)
        let refused = try CommandRunner.run(["top", dump.path])
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.stderr, "gomemreport: \(dump.path): line 2: a line longer than 1 MiB (from byte 23); raise the limit with --max-line-bytes if this input is genuine\n")
        let raised = try CommandRunner.run(["top", dump.path, "--max-line-bytes", "3MiB"])
        XCTAssertEqual(raised.status, 0, raised.stderr)
        XCTAssertTrue(raised.stdout.contains("main.xxxx"))
    }

    func testMaxInputBytes() throws {
        let answer = Fixtures.queryRange("heapleak")  // 481,911 bytes
        let refused = try CommandRunner.run(["report", answer, "--max-input-bytes", "256KiB", "-o", report])
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.stderr, "gomemreport: \(answer): is larger than 256 KiB; raise the limit with --max-input-bytes if this input is genuine\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: report))
        let raised = try CommandRunner.run(["report", answer, "--max-input-bytes", "1MiB", "-o", report])
        XCTAssertEqual(raised.status, 0, raised.stderr)
    }

    func testMaxSeries() throws {
        let answer = Fixtures.queryRange("heapleak")
        let refused = try CommandRunner.run(["report", answer, "--max-series", "10", "-o", report])
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.stderr, "gomemreport: \(answer): data.result[10]: more than 10 series in the recording; raise the limit with --max-series if this input is genuine\n")
        let raised = try CommandRunner.run(["report", answer, "--max-series", "100000", "-o", report])
        XCTAssertEqual(raised.status, 0, raised.stderr)

        // Scrapes: the whole folder counts, and so does one scrape.
        let scrapes = Fixtures.recording("heapleak") + "/metrics"
        let folderRefused = try CommandRunner.run(["report", "--scrapes", scrapes, "--max-series", "50", "-o", report])
        XCTAssertEqual(folderRefused.status, 1)
        XCTAssertEqual(folderRefused.stderr, "gomemreport: \(scrapes)/20261128T073242614Z.prom: line 202: more than 50 series in one scrape; raise the limit with --max-series if this input is genuine\n")
    }

    func testMaxProfileBytes() throws {
        let heap = Fixtures.recording("heapleak") + "/pprof/heap-20261128T073737664Z.pb.gz"
        let refused = try CommandRunner.run(["top", heap, "--max-profile-bytes", "16KiB"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.stderr, "gomemreport: \(heap): decompresses to more than 16 KiB; raise the limit with --max-profile-bytes if this profile is genuine\n")
        XCTAssertEqual(try CommandRunner.run(["top", heap, "--max-profile-bytes", "1MiB"]).status, 0)
        // The same limit on report's profiles, and plain bytes still read as before.
        let reportRefused = try CommandRunner.run(["report", Fixtures.recording("heapleak"), "--max-profile-bytes", "2048", "-o", report])
        XCTAssertEqual(reportRefused.status, 1)
        XCTAssertTrue(reportRefused.stderr.hasPrefix("gomemreport: \(Fixtures.recording("heapleak"))/pprof/"), reportRefused.stderr)
        XCTAssertTrue(reportRefused.stderr.contains("; raise the limit with --max-profile-bytes"), reportRefused.stderr)
    }

    /// Without --strict, a scrape past a limit among good ones is skipped with a warning
    /// naming it, like any bad snapshot; the report is still made.
    func testABadScrapeAmongGoodOnesIsSkipped() throws {
        let metrics = folder.appendingPathComponent("metrics")
        try FileManager.default.createDirectory(at: metrics, withIntermediateDirectories: true)
        let source = Fixtures.recording("heapleak") + "/metrics"
        for name in try FileManager.default.contentsOfDirectory(atPath: source).sorted().prefix(4) {
            try FileManager.default.copyItem(atPath: source + "/" + name, toPath: metrics.appendingPathComponent(name).path)
        }
        let long = metrics.appendingPathComponent("20261128T073300000Z.prom")
        try ("go_info{version=\"" + String(repeating: "v", count: 2 << 20) + "\"} 1\n").write(to: long, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["report", "--scrapes", metrics.path, "-o", report])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("gomemreport: warning: skipped \(long.path): line 1: a line longer than 1 MiB"), result.stderr)
        let strict = try CommandRunner.run(["report", "--scrapes", metrics.path, "--strict", "-o", report + "2"])
        XCTAssertEqual(strict.status, 1)
    }

    func testBadLimitsAreUsageErrors() throws {
        for arguments in [["--max-line-bytes", "lots"], ["--max-series", "0"], ["--max-input-bytes", "-1"], ["--max-profile-bytes", "0"]] {
            let result = try CommandRunner.run(["report", Fixtures.queryRange("heapleak"), "-o", report] + arguments)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: report))
        }
        XCTAssertEqual(try CommandRunner.run(["top", Fixtures.recording("heapleak") + "/pprof/heap-20261128T073737664Z.pb.gz",
                                              "--max-line-bytes", "1x"]).status, 2)
    }
}
