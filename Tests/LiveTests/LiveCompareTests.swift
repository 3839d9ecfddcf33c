import Foundation
import TestSupport
import XCTest

/// `compare --prometheus` against a real Prometheus holding heapleak's scrapes (the
/// first half of the recording as the base, the second half as the candidate) and a
/// fleet of job "shop": two stable pods (go1.27-steady and its rerun) and a canary that
/// adds a cache (go1.27-cache-added), backfilled into the same five minutes.
final class LiveCompareTests: PrometheusTestCase {
    static let fleetStart = 1_764_547_200.0   // 2025-12-01T00:00:00Z
    override class var settings: PrometheusServer.Settings {
        func member(_ name: String, _ instance: String, _ track: String) -> PrometheusServer.FleetMember {
            PrometheusServer.FleetMember(scrapes: Fixtures.root.appendingPathComponent("Tests/Fixtures/recordings-modern/\(name)/metrics").path,
                                         labels: ["job": "shop", "instance": instance, "track": track], start: fleetStart)
        }
        var settings = PrometheusServer.Settings()
        settings.fleet = [member("go1.27-steady", "10.0.0.1:8080", "stable"), member("go1.27-steady-rerun", "10.0.0.2:8080", "stable"),
                          member("go1.27-cache-added", "10.0.0.3:8080", "canary")]
        return settings
    }

    /// `compare --prometheus` of two selections of the fleet; the summary when written.
    private func compareFleet(base: String, candidate: String, since: String = "2025-12-01T00:00:00Z", until: String = "2025-12-01T00:05:00Z",
                              _ extra: [String] = [], name: String) throws -> (CommandResult, [String: Any], String) {
        let result = try CommandRunner.run([
            "compare", "--prometheus", server.url, "--selector", candidate, "--base-selector", base,
            "--since", since, "--until", until, "--step", "5s", "-o", path("\(name).html"), "--json", path("\(name).json"),
        ] + extra)
        guard FileManager.default.fileExists(atPath: path("\(name).json")) else { return (result, [:], "") }
        XCTAssertNil(try JSONSchemaCheck.problems(in: URL(fileURLWithPath: path("\(name).json")), schema: "compare-v1.schema.json"))
        return (result, try json(path("\(name).json")), try String(contentsOfFile: path("\(name).html"), encoding: .utf8))
    }

    private func metrics(_ summary: [String: Any]) -> [[String: Any]] {
        ((summary["instances"] as? [[String: Any]])?.first?["metrics"] as? [[String: Any]]) ?? []
    }

    /// Canary against stable: no instance in common, one job, so the two stable pods are
    /// pooled against the canary; the cache's ~97 MiB shows through the stable pods' spread.
    func testCanaryAgainstTheStablePods() throws {
        // A live query has no profiles: each side's heap profile, fetched from a pod, is given.
        func pprof(_ recording: String, _ file: String) -> String {
            Fixtures.root.appendingPathComponent("Tests/Fixtures/recordings-modern/\(recording)/pprof/\(file)").path
        }
        let (result, summary, page) = try compareFleet(
            base: "{job=\"shop\",track=\"stable\"}", candidate: "{job=\"shop\",track=\"canary\"}",
            ["--budget", "go_memory:+10%", "--profile", pprof("go1.27-cache-added", "heap-20261206T194731104Z.pb.gz"),
             "--base-profile", pprof("go1.27-steady", "heap-20261205T222429860Z.pb.gz")], name: "canary")
        XCTAssertEqual(result.status, 3, result.stderr)
        XCTAssertEqual(summary["pairing"] as? String, "pooled")
        let pair = try XCTUnwrap((summary["instances"] as? [[String: Any]])?.first)
        XCTAssertEqual(pair["base_instances"] as? [String], ["shop/10.0.0.1:8080", "shop/10.0.0.2:8080"])
        XCTAssertEqual(pair["candidate_instances"] as? [String], ["shop/10.0.0.3:8080"])
        XCTAssertEqual(pair["base"] as? String, "shop/2 instances")
        let go = try XCTUnwrap(metrics(summary).first { $0["metric"] as? String == "go_memory" })
        XCTAssertEqual(go["verdict"] as? String, "increased")
        XCTAssertEqual((go["change"] as? Double ?? 0) / 1_048_576, 96.6, accuracy: 6, "as the recordings compared directly")
        XCTAssertEqual(((go["base"] as? [String: Any])?["samples"] as? Int ?? 0), 62, "both stable pods' second halves")
        XCTAssertTrue(page.contains("Each side&#39;s instances are pooled: the base is its 2 instances (shop/10.0.0.1:8080, shop/10.0.0.2:8080), the candidate its one instance, shop/10.0.0.3:8080."), page)
        XCTAssertTrue(page.contains("Base: mean Go memory of 2 pooled instances by category over time"), "the stable pods drawn as one")
        XCTAssertTrue(page.contains("Candidate: Go memory of shop/10.0.0.3:8080 by category over time"))
        XCTAssertTrue(page.contains("Change of each category from base to candidate"))
        // Each pooled pod with its own level: the two stable pods 328 KiB apart, the canary far above.
        XCTAssertTrue(page.contains("<tr><td>base</td><th scope=\"row\">shop/10.0.0.1:8080</th><td class=\"num\">10.5 MiB</td></tr>"), page)
        XCTAssertTrue(page.contains("<tr><td>base</td><th scope=\"row\">shop/10.0.0.2:8080</th><td class=\"num\">10.2 MiB</td></tr>"), page)
        XCTAssertTrue(page.contains("<tr><td>candidate</td><th scope=\"row\">shop/10.0.0.3:8080</th><td class=\"num\">107 MiB</td></tr>"), page)
        XCTAssertTrue(result.stderr.contains("gomemreport: failing (--budget): exceeded go_memory:+10%\n"), result.stderr)
        XCTAssertTrue((summary["verdict"] as? String ?? "").hasSuffix("mostly heap live & dead objects in `main.(*Cache).Put`."), "\(summary["verdict"] ?? "")")
        XCTAssertEqual(((summary["heap_diff"] as? [String: Any])?["top_growth"] as? [[String: Any]])?.first?["function"] as? String, "main.(*Cache).Put")
        XCTAssertTrue(page.contains("A side has no goroutine profile: nothing to diff."), "only heap profiles were given")

        // Last release's saved recording against the live canary: go1.27-steady's own
        // folder, whose scrapes are also the first stable pod's, so the same change.
        let saved = try CommandRunner.run([
            "compare", Fixtures.root.appendingPathComponent("Tests/Fixtures/recordings-modern/go1.27-steady").path,
            "--prometheus", server.url, "--selector", "{job=\"shop\",track=\"canary\"}",
            "--since", "2025-12-01T00:00:00Z", "--until", "2025-12-01T00:05:00Z", "--step", "5s",
            "-o", path("saved.html"), "--json", path("saved.json"),
        ])
        XCTAssertEqual(saved.status, 0, saved.stderr)
        let savedSummary = try json(path("saved.json"))
        XCTAssertEqual(savedSummary["pairing"] as? String, "only-instances")
        XCTAssertEqual(((savedSummary["base"] as? [String: Any])?["recording"] as? String), "go1.27-steady")
        let savedGo = try XCTUnwrap(metrics(savedSummary).first { $0["metric"] as? String == "go_memory" })
        XCTAssertEqual((savedGo["change"] as? Double ?? 0) / 1_048_576, 96.6, accuracy: 6)
        let both = try CommandRunner.run(["compare", "a", "--prometheus", server.url, "--base-until", "1w", "-o", path("x.html")])
        XCTAssertEqual(both.status, 2)
        XCTAssertTrue(both.stderr.contains("The base is the recording given"), both.stderr)

        // The whole fleet, its first minute against its last two and a half: three pairs
        // by label. The canary was still filling its cache; the stable pods were not.
        let (fleet, fleetSummary, fleetPage) = try compareFleet(
            base: "{job=\"shop\"}", candidate: "{job=\"shop\"}", since: "2025-12-01T00:02:30Z",
            ["--base-since", "2025-12-01T00:00:00Z", "--base-until", "2025-12-01T00:01:00Z", "--markdown", path("fleet.md")], name: "fleet")
        XCTAssertEqual(fleet.status, 0, fleet.stderr)
        XCTAssertEqual(fleetSummary["pairing"] as? String, "same-instance")
        XCTAssertEqual((fleetSummary["instances"] as? [[String: Any]])?.count, 3)
        XCTAssertTrue(fleet.stderr.contains("): 1 of 3 instances uses more Go memory at steady state; the largest change, shop/10.0.0.3:8080: "), fleet.stderr)
        XCTAssertTrue(fleetPage.contains("1 of 3 instances uses more Go memory at steady state; the largest change, shop/10.0.0.3:8080: "))
        // An overview of the pairs first, each linking to its section.
        XCTAssertTrue(fleetPage.contains("<h2 id=\"overview-heading\">Instances</h2>"))
        XCTAssertTrue(fleetPage.contains("<tr class=\"change-increased\"><th scope=\"row\"><a href=\"#pair-shop-10-0-0-3-8080\">shop/10.0.0.3:8080</a></th>"), fleetPage)
        XCTAssertTrue(fleetPage.contains("<section class=\"compare-pair\" id=\"pair-shop-10-0-0-3-8080\""))
        XCTAssertEqual(fleetPage.components(separatedBy: "<tr class=\"change-no-significant-change\"><th scope=\"row\"><a href=\"#pair-").count - 1, 2, "the stable pods")
        // The PR comment: one table of the three, then full figures only where something changed.
        let comment = try String(contentsOfFile: path("fleet.md"), encoding: .utf8)
        XCTAssertTrue(comment.contains("| Instance | Go memory, base | Candidate | Change | % | Verdict |\n"), comment)
        XCTAssertTrue(comment.contains("| shop/10.0.0.3:8080 | 86.3 MiB | 107 MiB | +20.7 MiB | +24.0% | increased |\n"), comment)
        XCTAssertTrue(comment.contains("\n2 of 3 pairs have no figure beyond noise: only their Go memory is above.\n"), comment)
        XCTAssertEqual(comment.components(separatedBy: "\n| Go memory | ").count - 1, 1, "full figures for the canary alone")
        XCTAssertTrue(comment.contains("- resolved: **INFO** `insufficient-data` shop/10.0.0.1:8080: Too little data to judge trends"), comment)

        // One stable pod against the other: one build, no change.
        let first = "{job=\"shop\",instance=\"10.0.0.1:8080\"}", second = "{job=\"shop\",instance=\"10.0.0.2:8080\"}"
        let (same, steady, _) = try compareFleet(base: first, candidate: second, ["--budget", "go_memory:+10%"], name: "same")
        XCTAssertEqual(same.status, 0, same.stderr)
        XCTAssertEqual(steady["pairing"] as? String, "only-instances")
        XCTAssertTrue((steady["verdict"] as? String ?? "").hasPrefix("No significant change in Go memory"), "\(steady["verdict"] ?? "")")

        // Windows of different lengths: the base pod's five minutes against the other
        // pod's last two and a half. Levels and rates, never sums: still no change.
        let (shorter, short, shortPage) = try compareFleet(
            base: first, candidate: second, since: "2025-12-01T00:02:30Z",
            ["--base-since", "2025-12-01T00:00:00Z", "--base-until", "2025-12-01T00:05:00Z"], name: "shorter")
        XCTAssertEqual(shorter.status, 0, shorter.stderr)
        XCTAssertEqual((short["base"] as? [String: Any])?["samples"] as? Int, 61)
        XCTAssertEqual((short["candidate"] as? [String: Any])?["samples"] as? Int, 31)
        for name in ["go_memory", "heap_total", "heap_live", "goroutines", "gc_per_minute"] {
            XCTAssertEqual(metrics(short).first { $0["metric"] as? String == name }?["verdict"] as? String, "no-significant-change", name)
        }
        XCTAssertTrue(shortPage.contains("The windows differ in length (5 min and 2 min 30 s): levels and rates are compared, never sums."), shortPage)
    }

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
