import Foundation
import TestSupport
import XCTest

/// `compare --prometheus` against a real Prometheus holding heapleak's scrapes: the
/// first half of the recording as the base, the second half as the candidate.
final class LiveCompareTests: PrometheusTestCase {
    func testTwoTimeRangesOfOneSeries() throws {
        let selector = "{job=\"\(PrometheusServer.job)\",instance=\"\(PrometheusServer.instance)\"}"
        let result = try CommandRunner.run([
            "compare", "--prometheus", server.url, "--selector", selector,
            "--since", "2026-11-28T07:35:05.114Z", "--until", "2026-11-28T07:37:35.114Z", "--step", "5s",
            "--base-until", "150s",
            "-o", path("compare.html"), "--json", path("compare.json"), "--budget", "go_memory:+10%",
        ])
        XCTAssertEqual(result.status, 3, result.stderr)
        XCTAssertNil(try JSONSchemaCheck.problems(in: URL(fileURLWithPath: path("compare.json")), schema: "compare-v1.schema.json"))
        let summary = try json(path("compare.json"))
        XCTAssertEqual(summary["pairing"] as? String, "same-instance")
        // The base ends 150 s before the candidate and is as long (07:32:35–07:35:05); its
        // first step with data is 07:32:45, after the first scrape at 07:32:42.
        XCTAssertEqual((summary["base"] as? [String: Any])?["start"] as? String, "2026-11-28T07:32:45.114Z")
        XCTAssertEqual((summary["base"] as? [String: Any])?["end"] as? String, "2026-11-28T07:35:05.114Z")
        XCTAssertEqual((summary["candidate"] as? [String: Any])?["samples"] as? Int, 31, "07:35:05–07:37:35 at 5 s, both ends")
        let metrics = ((summary["instances"] as? [[String: Any]])?.first?["metrics"] as? [[String: Any]]) ?? []
        let go = try XCTUnwrap(metrics.first { $0["metric"] as? String == "go_memory" })
        XCTAssertEqual(go["verdict"] as? String, "increased", "the heap leaks: the later half holds more")
        XCTAssertEqual((go["candidate"] as? [String: Any])?["samples"] as? Int, 16, "the second half of the candidate's window")
        XCTAssertTrue((summary["verdict"] as? String ?? "").hasPrefix("Candidate uses "), "\(summary["verdict"] ?? "")")
        XCTAssertTrue(result.stderr.contains("gomemreport: failing (--budget): exceeded go_memory:+10%\n"), result.stderr)

        // An empty window: the base a week before the data.
        let empty = try CommandRunner.run([
            "compare", "--prometheus", server.url, "--selector", selector,
            "--since", "2026-11-28T07:35:05.114Z", "--until", "2026-11-28T07:37:35.114Z", "--step", "5s",
            "--base-until", "1w", "-o", path("empty.html"),
        ])
        XCTAssertEqual(empty.status, 1, empty.stderr)
        XCTAssertTrue(empty.stderr.contains(": no Go memory series matched \(selector) between 2026-11-21T07:35:05.114Z and 2026-11-21T07:37:35.114Z"), empty.stderr)
        XCTAssertEqual(empty.stderr.split(separator: "\n").count, 1, empty.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("empty.html")))

        let usage = try CommandRunner.run(["compare", "--prometheus", server.url, "--selector", selector, "-o", path("x.html")])
        XCTAssertEqual(usage.status, 2)
        XCTAssertTrue(usage.stderr.contains("say what the base is"), usage.stderr)
    }
}
