import Foundation
import TestSupport
import XCTest

/// Recordings without a query_range answer: the report is built from the process's
/// own /metrics scrapes, or from expvar with RSS from /proc.
final class SnapshotRecordingTests: XCTestCase {
    var folder: URL!

    override func setUp() { folder = Fixtures.temporaryFolder() }
    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    private func recording(_ name: String, with parts: [String]) throws -> String {
        let target = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        for part in parts {
            try FileManager.default.copyItem(atPath: Fixtures.recording("heapleak") + "/" + part, toPath: target.appendingPathComponent(part).path)
        }
        return target.path
    }

    func testScrapesOnly() throws {
        let path = try recording("scrapes-only", with: ["metrics"])
        let result = try CommandRunner.run(["report", path, "-o", folder.appendingPathComponent("s.html").path,
                                            "--json", folder.appendingPathComponent("s.json").path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let html = try String(contentsOf: folder.appendingPathComponent("s.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<code>metrics/*.prom</code>"))
        XCTAssertTrue(html.contains("Categories from runtime/metrics"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("s.json"))) as? [String: Any]
        XCTAssertEqual((json?["window"] as? [String: Any])?["samples"] as? Int, 59)
        // The last scrape's own figures: RSS 114.5 MB from process_resident_memory_bytes.
        XCTAssertNotNil((json?["last"] as? [String: Any])?["rss_bytes"] as? Int)
    }

    func testExpvarWithProc() throws {
        let path = try recording("expvar-proc", with: ["expvar", "proc"])
        let result = try CommandRunner.run(["report", path, "-o", folder.appendingPathComponent("e.html").path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let html = try String(contentsOf: folder.appendingPathComponent("e.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("Categories from runtime.MemStats"))
        XCTAssertTrue(html.contains("RSS from VmRSS in /proc/PID/status."))
        XCTAssertTrue(html.contains("<title>RSS: "))
    }

    func testNoMemoryDataSaysWhatItLooksFor() throws {
        let path = try recording("profiles-only", with: ["pprof"])
        let result = try CommandRunner.run(["report", path, "-o", folder.appendingPathComponent("p.html").path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("expected prometheus/*.json (query_range answers), metrics/*.prom (/metrics scrapes) or expvar/*.json"), result.stderr)
    }

    /// One bad snapshot among good ones is skipped with a warning that names it;
    /// `--strict` fails on it instead, with the same one line.
    func testABadSnapshotIsSkippedUnlessStrict() throws {
        let path = try recording("bad-scrape", with: ["metrics"])
        let victim = (path as NSString).appendingPathComponent("metrics/20261128T073247615Z.prom")
        try "go_goroutines{job=\"x} 1\n".write(toFile: victim, atomically: true, encoding: .utf8)
        let message = "\(victim): line 1: unclosed quote in label job of go_goroutines (a label value cannot hold a raw line break)"

        let lenient = try CommandRunner.run(["report", path, "-o", folder.appendingPathComponent("a.html").path])
        XCTAssertEqual(lenient.status, 0, lenient.stderr)
        XCTAssertTrue(lenient.stderr.hasPrefix("gomemreport: warning: skipped \(message) (--strict stops at such a file)\n"), lenient.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("a.html").path))

        let strict = try CommandRunner.run(["report", path, "--strict", "-o", folder.appendingPathComponent("b.html").path])
        XCTAssertEqual(strict.status, 1)
        XCTAssertEqual(strict.stderr, "gomemreport: \(message)\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("b.html").path))
    }

    func testEveryFileBadFails() throws {
        let target = folder.appendingPathComponent("all-bad/metrics")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try "bad abc\n".write(to: target.appendingPathComponent("20261128T073242614Z.prom"), atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["report", target.deletingLastPathComponent().path, "-o", folder.appendingPathComponent("c.html").path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("20261128T073242614Z.prom: line 1: bad has the value abc, which is not a number"), result.stderr)
    }
}

/// Sources given one by one on the command line instead of a recording folder.
final class ExplicitSourcesTests: XCTestCase {
    var folder: URL!

    override func setUp() { folder = Fixtures.temporaryFolder() }
    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    func testQueryRangeWithProcFolder() throws {
        let heapleak = Fixtures.recording("heapleak")
        let output = folder.appendingPathComponent("r.html")
        let result = try CommandRunner.run(["report", "--prometheus-json", heapleak + "/prometheus/query_range.json",
                                            "--proc", heapleak + "/proc", "-o", output.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let html = try String(contentsOf: output, encoding: .utf8)
        XCTAssertTrue(html.contains("RSS from VmRSS in /proc/PID/status where recorded, else process_resident_memory_bytes."))
        XCTAssertTrue(html.contains("<code>proc/*.status</code>"))
    }

    func testExpvarOnly() throws {
        let heapleak = Fixtures.recording("heapleak")
        let output = folder.appendingPathComponent("e.html")
        let result = try CommandRunner.run(["report", "--expvar", heapleak + "/expvar", "-o", output.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(try String(contentsOf: output, encoding: .utf8).contains("Categories from runtime.MemStats"))
    }

    func testUsage() throws {
        let both = try CommandRunner.run(["report", Fixtures.recording("steady"), "--expvar", "x", "-o", folder.appendingPathComponent("b.html").path])
        XCTAssertEqual(both.status, 2)
        XCTAssertTrue(both.stderr.contains("not both"), both.stderr)
        let neither = try CommandRunner.run(["report", "--proc", "x", "-o", folder.appendingPathComponent("n.html").path])
        XCTAssertEqual(neither.status, 2)
        XCTAssertTrue(neither.stderr.contains("--prometheus-json, --scrapes or --expvar"), neither.stderr)
    }
}
