import Foundation
import TestSupport
import XCTest

/// A recording with cgroup v2 files: the container's limit on the chart, and its
/// memory and kernel memory (which count toward an OOM kill) in the reconciliation.
final class CgroupRecordingTests: XCTestCase {
    var folder: URL!

    override func setUp() { folder = Fixtures.temporaryFolder() }
    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    /// heapleak's query_range answer plus cgroup files every 30 s over its window.
    /// With `oomKills`, memory.events files too: `oom_kill` starts at 2 and rises by one
    /// at each of those steps (0–10).
    private func recording(limit: String, oomKills: [Int] = []) throws -> String {
        let target = folder.appendingPathComponent("container-\(oomKills.count)")
        let cgroup = target.appendingPathComponent("cgroup")
        try FileManager.default.createDirectory(at: cgroup, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.recording("heapleak") + "/prometheus",
                                         toPath: target.appendingPathComponent("prometheus").path)
        for step in 0..<11 {
            let stamp = String(format: "20261128T07%02d%02d588Z", 32 + (43 + step * 30) / 60, (43 + step * 30) % 60)
            let mib = 1024 * 1024
            try "anon \((20 + step * 9) * mib)\nfile \(8 * mib)\nkernel \((3 + step) * mib)\nshmem 0\n"
                .write(to: cgroup.appendingPathComponent("\(stamp).stat"), atomically: true, encoding: .utf8)
            try "\((32 + step * 10) * mib)\n".write(to: cgroup.appendingPathComponent("\(stamp).current"), atomically: true, encoding: .utf8)
            try "\(limit)\n".write(to: cgroup.appendingPathComponent("\(stamp).max"), atomically: true, encoding: .utf8)
            if !oomKills.isEmpty {
                let kills = 2 + oomKills.filter { $0 <= step }.count
                try "low 0\nhigh 0\nmax \(40 + kills * 7)\noom \(kills)\noom_kill \(kills)\noom_group_kill 0\n"
                    .write(to: cgroup.appendingPathComponent("\(stamp).events"), atomically: true, encoding: .utf8)
            }
        }
        return target.path
    }

    func testLimitAndKernelMemory() throws {
        let path = try recording(limit: "268435456")
        let output = folder.appendingPathComponent("c.html")
        let summary = folder.appendingPathComponent("c.json")
        let result = try CommandRunner.run(["report", path, "-o", output.path, "--json", summary.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let html = try String(contentsOf: output, encoding: .utf8)
        XCTAssertTrue(html.contains("<code>cgroup/*</code>"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: summary)) as? [String: Any]
        let last = try XCTUnwrap(json?["last"] as? [String: Any])
        XCTAssertEqual(last["kernel_bytes"] as? Int, 13 * 1_048_576)
        XCTAssertEqual(last["container_bytes"] as? Int, 132 * 1_048_576)
        XCTAssertEqual(last["container_limit_bytes"] as? Int, 268_435_456)
        XCTAssertTrue(html.contains("<title>Container limit (memory.max): 256 MiB</title>"), "no limit line")
        XCTAssertTrue(html.contains(" Container limit (memory.max)</li>"))
        XCTAssertTrue(html.contains("Dashed: the container&#39;s memory limit."))
        // At the last sample (07:37:37), the nearest cgroup files (07:37:43) say 13 MiB of
        // kernel memory and 132 MiB charged to the container.
        XCTAssertTrue(html.contains("<th scope=\"row\">Kernel memory (cgroup; counts toward an OOM kill)</th><td class=\"num\" title=\"13,631,488 bytes\">13.0 MiB</td>"), html)
        XCTAssertTrue(html.contains("<th scope=\"row\">Container memory (cgroup memory.current)</th><td class=\"num\" title=\"138,412,032 bytes\">132 MiB</td>"))
    }

    /// A 140 MiB memory.max: the container's 132 MiB at the end is 94% of it, and the
    /// heap leak would reach it in minutes.
    func testNearTheLimit() throws {
        let path = try recording(limit: String(140 * 1_048_576))
        let summary = folder.appendingPathComponent("l.json")
        let result = try CommandRunner.run(["report", path, "-o", folder.appendingPathComponent("l.html").path, "--json", summary.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: summary)) as? [String: Any]
        let findings = try XCTUnwrap(json?["findings"] as? [[String: Any]])
        XCTAssertEqual(findings.map { $0["id"] as? String }, ["heap-leak", "near-memory-limit"])
        let near = try XCTUnwrap(findings.last?["evidence"] as? [String: Double])
        XCTAssertEqual(near["limit_bytes"], 140 * 1_048_576)
        XCTAssertEqual(near["peak_bytes"], 132 * 1_048_576)
        XCTAssertEqual(near["peak_share_of_limit"], 0.943)
        let leak = try XCTUnwrap(findings.first?["evidence"] as? [String: Double])
        XCTAssertEqual(leak["memory_limit_bytes"], 140 * 1_048_576)
        XCTAssertLessThan(try XCTUnwrap(leak["hours_to_limit"]), 0.1)
    }

    func testNoLimit() throws {
        let path = try recording(limit: "max")
        let output = folder.appendingPathComponent("n.html")
        let result = try CommandRunner.run(["report", path, "-o", output.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let html = try String(contentsOf: output, encoding: .utf8)
        XCTAssertFalse(html.contains("<title>Container limit"))
        XCTAssertTrue(html.contains("<th scope=\"row\">Container limit (memory.max)</th><td class=\"num\" title=\"not recorded\">unknown</td>"), html)
    }

    /// memory.events' oom_kill rising from 2 to 4 in the window: a critical finding with
    /// when it was seen, and no finding from counts that were there before the window.
    func testOOMKillsInTheWindow() throws {
        let path = try recording(limit: "268435456", oomKills: [4, 7])
        let summary = folder.appendingPathComponent("o.json"), page = folder.appendingPathComponent("o.html")
        let result = try CommandRunner.run(["report", path, "-o", page.path, "--json", summary.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: summary)) as? [String: Any]
        let findings = try XCTUnwrap(json?["findings"] as? [[String: Any]])
        let oom = try XCTUnwrap(findings.first { $0["id"] as? String == "oom-kill" }, "\(findings.map { $0["id"] ?? "" })")
        XCTAssertEqual(oom["severity"] as? String, "critical")
        XCTAssertEqual(oom["title"] as? String, "OOM kills: the kernel killed 2 processes in this container")
        let evidence = try XCTUnwrap(oom["evidence"] as? [String: Double])
        XCTAssertEqual(evidence["oom_kills"], 2)
        XCTAssertEqual(evidence["oom_kill_before"], 2)
        XCTAssertEqual(evidence["oom_kill_after"], 4)
        XCTAssertEqual(evidence["memory_max_events"], 14)
        // Step 4 is 07:34:43.588, step 7 07:36:13.588.
        XCTAssertEqual(evidence["first_seen_at_unix"], 1_795_851_283.588)
        XCTAssertEqual(evidence["last_seen_at_unix"], 1_795_851_373.588)
        let html = try String(contentsOf: page, encoding: .utf8)
        XCTAssertTrue(html.contains("first seen at 07:34:43 UTC, last at 07:36:13 UTC"), "the page says when")

        // oom_kill stays at 2: kills before the window are not this recording's.
        let quiet = try recording(limit: "268435456", oomKills: [99])
        let before = folder.appendingPathComponent("q.json")
        XCTAssertEqual(try CommandRunner.run(["report", quiet, "-o", folder.appendingPathComponent("q.html").path, "--json", before.path]).status, 0)
        let none = try JSONSerialization.jsonObject(with: Data(contentsOf: before)) as? [String: Any]
        XCTAssertFalse("\(none?["findings"] ?? "")".contains("oom-kill"))
    }
}
