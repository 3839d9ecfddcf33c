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

    /// A folder of 354 scrapes (heapleak's 59, six times over, one second apart) with one
    /// cut short in the middle: the run names it with its line and goes on; --strict stops.
    func testOneBadFileAmongHundreds() throws {
        let source = Fixtures.recording("heapleak") + "/metrics"
        let scrapes = try FileManager.default.contentsOfDirectory(atPath: source).filter { $0.hasSuffix(".prom") }.sorted()
        let target = folder.appendingPathComponent("many/metrics")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        var names: [String] = []
        for round in 0..<6 {
            for (index, scrape) in scrapes.enumerated() {
                let second = round * scrapes.count + index
                let name = String(format: "20261128T%02d%02d%02d000Z.prom", 8 + second / 3600, second / 60 % 60, second % 60)
                try FileManager.default.copyItem(atPath: source + "/" + scrape, toPath: target.appendingPathComponent(name).path)
                names.append(name)
            }
        }
        XCTAssertEqual(names.count, 354)
        let bad = target.appendingPathComponent(names[177]).path
        let text = try String(contentsOfFile: bad, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // Line 40 loses its closing label quote, as a scrape cut off mid-write would.
        let lineNumber = lines.indices.first { $0 >= 39 && lines[$0].contains("{") && !lines[$0].hasPrefix("#") }! + 1
        var broken = lines.map(String.init)
        broken[lineNumber - 1] = String(broken[lineNumber - 1].prefix { $0 != "\"" }) + "\"unterminated"
        try broken.joined(separator: "\n").write(toFile: bad, atomically: true, encoding: .utf8)

        let html = folder.appendingPathComponent("many.html").path, json = folder.appendingPathComponent("many.json").path
        let result = try CommandRunner.run(["report", "--scrapes", target.path, "-o", html, "--json", json])
        XCTAssertEqual(result.status, 0, result.stderr)
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains("warning: skipped") }
        XCTAssertEqual(warnings.count, 1, result.stderr)
        XCTAssertTrue(warnings[0].hasPrefix("gomemreport: warning: skipped \(bad): line \(lineNumber): "), String(warnings[0]))
        let summary = try String(contentsOfFile: json, encoding: .utf8)
        XCTAssertTrue(summary.contains(#""samples" : 353"#))

        let strict = try CommandRunner.run(["report", "--scrapes", target.path, "--strict", "-o", folder.appendingPathComponent("strict.html").path])
        XCTAssertEqual(strict.status, 1)
        XCTAssertTrue(strict.stderr.hasPrefix("gomemreport: \(bad): line \(lineNumber): "), strict.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("strict.html").path))
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
