import Foundation
import TestSupport
import XCTest

/// `gomemreport compare` on real recordings of Go 1.27 services (scenarios of
/// Tests/Fixtures/generators/modern): a release that adds a cache, one that brings and
/// one that fixes a leak, and two runs of one build under one load.
final class CompareCommandTests: XCTestCase {
    private var folder: URL!
    override func setUp() { folder = Fixtures.temporaryFolder() }
    override func tearDown() { try? FileManager.default.removeItem(at: folder) }
    private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
    private static func modern(_ name: String) -> String { Fixtures.root.appendingPathComponent("Tests/Fixtures/recordings-modern/\(name)").path }

    /// Runs compare with --json; returns the result, the summary, and the page.
    private func compare(_ base: String, _ candidate: String, _ extra: [String] = []) throws -> (CommandResult, [String: Any], String) {
        let html = path("compare.html"), json = path("compare.json")
        try? FileManager.default.removeItem(atPath: html)
        let result = try CommandRunner.run(["compare", Self.modern(base), Self.modern(candidate), "-o", html, "--json", json,
                                            "--markdown", path("compare.md")] + extra)
        guard FileManager.default.fileExists(atPath: json) else { return (result, [:], "") }
        XCTAssertNil(try JSONSchemaCheck.problems(in: URL(fileURLWithPath: json), schema: "compare-v1.schema.json"))
        let summary = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        return (result, summary, try String(contentsOfFile: html, encoding: .utf8))
    }

    private func metric(_ summary: [String: Any], _ name: String) -> [String: Any] {
        let metrics = ((summary["instances"] as? [[String: Any]])?.first?["metrics"] as? [[String: Any]]) ?? []
        return metrics.first { $0["metric"] as? String == name } ?? [:]
    }

    private func findingIDs(_ summary: [String: Any], _ group: String) -> [String] {
        (((summary["findings"] as? [String: Any])?[group] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
    }

    /// A release that adds a bounded 48 MiB cache: the live heap after GC is up by about
    /// 48 MiB, Go memory by about twice that (GOGC=100), attributed to Cache.Put, and the
    /// findings call it a warm-up, not a leak. The Go memory budget fails the run.
    func testACacheAddedIsNamedAndFailsItsBudget() throws {
        let (result, summary, page) = try compare("go1.27-steady", "go1.27-cache-added", ["--budget", "go_memory:+10%,goroutines:+20%"])
        XCTAssertEqual(result.status, 3, result.stderr)
        let verdict = try XCTUnwrap(summary["verdict"] as? String)
        XCTAssertTrue(verdict.hasPrefix("Candidate uses "), verdict)
        XCTAssertTrue(verdict.hasSuffix("more Go memory at steady state, mostly heap live & dead objects in `main.(*Cache).Put`."), verdict)
        XCTAssertEqual(summary["pairing"] as? String, "only-instances")
        let live = metric(summary, "heap_live")
        XCTAssertEqual(live["verdict"] as? String, "increased")
        XCTAssertEqual((live["change"] as? Double ?? 0) / 1_048_576, 48.8, accuracy: 2, "12,288 entries of 4 KiB")
        let go = metric(summary, "go_memory")
        XCTAssertEqual((go["change"] as? Double ?? 0) / 1_048_576, 96.6, accuracy: 6, "about twice the live heap at GOGC=100")
        XCTAssertEqual(findingIDs(summary, "new"), ["heap-warm-up"])
        XCTAssertFalse(findingIDs(summary, "new").contains("heap-leak"), "a bounded cache is not a leak")
        let budgets = try XCTUnwrap(summary["budgets"] as? [[String: Any]])
        XCTAssertEqual(budgets.map { $0["exceeded"] as? Bool }, [true, false])
        XCTAssertEqual(summary["budgets_exceeded"] as? Bool, true)
        XCTAssertTrue(result.stderr.contains("gomemreport: budget go_memory:+10% (go1.27-cache-added): +"), result.stderr)
        XCTAssertTrue(result.stderr.contains("gomemreport: failing (--budget): exceeded go_memory:+10%\n"), result.stderr)
        XCTAssertTrue(page.contains("main.(*Cache).Put"), "the heap diff names the cache")
        XCTAssertTrue(page.contains("1 of 2 budgets exceeded: go_memory:+10% (go1.27-cache-added)."))
        // The goldens: what users get, checked by the Nu HTML checker and the JSON Schema (scripts/check-goldens).
        assertGolden(page, "compare-cache-added/compare.html", scrub: SiteCommandTests.scrubVersion)
        assertGolden(try String(contentsOfFile: path("compare.json"), encoding: .utf8), "compare-cache-added/compare.json", scrub: SiteCommandTests.scrubVersion)
        assertGolden(try String(contentsOfFile: path("compare.md"), encoding: .utf8), "compare-cache-added/compare.md", scrub: SiteCommandTests.scrubVersion)
        let heapDiff = try XCTUnwrap(summary["heap_diff"] as? [String: Any])
        XCTAssertEqual(((heapDiff["top_growth"] as? [[String: Any]])?.first?["function"] as? String), "main.(*Cache).Put")
        // Two processes' heap profiles differ by a sample here and there (512 KiB each at
        // the default MemProfileRate): those changes are left out, and the page says so.
        XCTAssertTrue(page.contains("Changes of at most 1.0 MiB (two samples at the profile&#39;s 512 KiB sampling rate) are left out as sampling noise (29 functions)."))
        XCTAssertFalse(page.contains("<code>strings.(*Replacer).build</code>"), "−515 KiB, one sample: noise")
        // Normalised to the base's total, the heap's shape still changed: the cache's share grew most.
        let normalized = try XCTUnwrap(page.range(of: "id=\"normalized-heading\"")).upperBound
        let firstFunction = try XCTUnwrap(page[normalized...].range(of: "<td><code>")).upperBound
        XCTAssertTrue(page[firstFunction...].hasPrefix("main.(*Cache).Put</code>"))
    }

    /// A release that brings a heap leak, and the next that fixes it: the same pair both
    /// ways, with heap-leak new, then resolved.
    func testALeakComesAndGoes() throws {
        let (worse, leaked, _) = try compare("go1.27-steady", "go1.27-heap-leak", ["--fail-on", "critical"])
        XCTAssertEqual(worse.status, 3, worse.stderr)
        XCTAssertTrue(worse.stderr.contains("gomemreport: failing (--fail-on): new in the candidate: heap-leak\n"), worse.stderr)
        XCTAssertTrue((leaked["verdict"] as? String ?? "").hasSuffix("in `main.(*SessionStore).Remember`."), "\(leaked["verdict"] ?? "")")
        XCTAssertTrue(findingIDs(leaked, "new").contains("heap-leak"))
        let (better, fixed, _) = try compare("go1.27-heap-leak", "go1.27-steady", ["--fail-on", "critical"])
        XCTAssertEqual(better.status, 0, better.stderr)
        XCTAssertEqual(metric(fixed, "go_memory")["verdict"] as? String, "decreased")
        XCTAssertTrue(findingIDs(fixed, "resolved").contains("heap-leak"))
        XCTAssertTrue((fixed["verdict"] as? String ?? "").contains("less Go memory at steady state"))
    }

    /// Two runs of one build under one load (go1.27-steady, and the same binary recorded
    /// a day later): no figure changes beyond noise, every budget holds, and the findings
    /// are the same. Go memory does differ, by 328 KiB (3%): real, but under the floor.
    func testTwoRunsOfOneBuildShowNoSignificantChange() throws {
        let (result, summary, page) = try compare("go1.27-steady", "go1.27-steady-rerun",
                                                  ["--budget", "go_memory:+10%,rss:+64MiB,goroutines:+20%,heap_live:+5%,gc_cpu:+1pp", "--fail-on", "info"])
        XCTAssertEqual(result.status, 0, result.stderr)
        for name in ["go_memory", "heap_total", "heap_live", "rss", "non_go", "goroutines", "gc_per_minute", "gc_cpu"] {
            XCTAssertEqual(metric(summary, name)["verdict"] as? String, "no-significant-change", name)
        }
        XCTAssertEqual((metric(summary, "go_memory")["change"] as? Double ?? 0) / 1024, -328, accuracy: 8)
        XCTAssertEqual(summary["budgets_exceeded"] as? Bool, false)
        XCTAssertEqual(findingIDs(summary, "new"), [])
        XCTAssertEqual(findingIDs(summary, "resolved"), [])
        XCTAssertEqual(summary["verdict"] as? String,
                       "No significant change in Go memory at steady state: 10.5 MiB in the base, 10.2 MiB in the candidate (−328 KiB, within the 1.0 MiB that counts as noise).")
        XCTAssertTrue(page.contains("Every budget holds (5 checked)."))
        // The GC's CPU share per scrape interval, from /cpu/classes: 0.12% and 0.17%, a
        // real difference (p < 0.01) but within half a percentage point.
        let cpu = metric(summary, "gc_cpu")
        XCTAssertEqual((cpu["base"] as? [String: Any])?["median"] as? Double ?? 0, 0.0012, accuracy: 0.0001)
        XCTAssertEqual((cpu["candidate"] as? [String: Any])?["median"] as? Double ?? 0, 0.0017, accuracy: 0.0001)
        XCTAssertEqual(cpu["unit"] as? String, "share")

        // A share's budget is in percentage points; a bare number is refused.
        let bad = try CommandRunner.run(["compare", Self.modern("go1.27-steady"), Self.modern("go1.27-steady-rerun"), "-o", path("x.html"), "--budget", "gc_cpu:+2"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("percentage points (+2pp)"), bad.stderr)
    }

    /// A base whose heap spikes (batch jobs) against a release with a cache: the medians
    /// are 5.7× apart, but the base's samples span the candidate's, so the test cannot
    /// tell them apart, and the verdict says so rather than reading as "the same".
    func testASpikyBaseIsTooNoisyToTell() throws {
        let (result, summary, _) = try compare("go1.27-batch-spikes", "go1.27-cache-added", ["--budget", "go_memory:+10%"])
        XCTAssertEqual(result.status, 0, "no significant change fails no budget: \(result.stderr)")
        XCTAssertEqual(metric(summary, "go_memory")["verdict"] as? String, "no-significant-change")
        XCTAssertEqual(metric(summary, "go_memory")["p_value"] as? Double ?? 0, 0.020, accuracy: 0.001)
        XCTAssertEqual(summary["verdict"] as? String, "No significant change in Go memory at steady state: 18.8 MiB in the base, 107 MiB in the candidate, "
            + "but the samples overlap too much to tell them apart (Mann–Whitney p = 0.020).")
    }

    /// Bad input: no common instance is one clear line and no page; a side without
    /// profiles gives a page that says what could not be diffed.
    func testWhatCannotBeCompared() throws {
        let html = path("bad.html")
        let result = try CommandRunner.run(["compare", Fixtures.root.appendingPathComponent("Tests/Fixtures/derived/two-instances.json").path,
                                            Self.modern("go1.27-steady"), "-o", html])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.hasSuffix(": no instance in common with "
            + Fixtures.root.appendingPathComponent("Tests/Fixtures/derived/two-instances.json").path
            + ": the base has heapleak/127.0.0.1:46027, steady/127.0.0.1:35307, the candidate go1.27-steady"
            + " (instances of several jobs are not pooled; pass --pool to pool them anyway)\n"), result.stderr)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: html))

        // A candidate whose Go memory is 5.1 GiB above RSS (reserved, never touched):
        // RSS − Go is negative there and says nothing, so non-Go memory is not compared.
        let virtual = try CommandRunner.run(["compare", Fixtures.recording("steady"), Fixtures.recording("virtual"), "-o", html,
                                             "--json", path("virtual.json"), "--budget", "non_go:+10%"])
        XCTAssertEqual(virtual.status, 0, virtual.stderr)
        let virtualSummary = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path("virtual.json")))) as? [String: Any])
        XCTAssertEqual(metric(virtualSummary, "non_go")["verdict"] as? String, "not-compared")
        XCTAssertEqual(metric(virtualSummary, "go_memory")["verdict"] as? String, "increased")
        XCTAssertTrue(try String(contentsOfFile: html, encoding: .utf8).contains("not comparable: Go memory above RSS in the candidate (reserved, never touched)"))
        XCTAssertTrue(virtual.stderr.contains("): not measured: Go memory is above RSS, so RSS − Go says nothing\n"), virtual.stderr)

        // One file, two of its instances: heapleak's against steady's (both Go 1.19).
        let two = Fixtures.root.appendingPathComponent("Tests/Fixtures/derived/two-instances.json").path
        let picked = try CommandRunner.run(["compare", two, two, "--base-instance", "steady", "--instance", "heapleak", "-o", html, "--json", path("two.json")])
        XCTAssertEqual(picked.status, 0, picked.stderr)
        let pickedSummary = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path("two.json")))) as? [String: Any])
        XCTAssertEqual(pickedSummary["pairing"] as? String, "only-instances")
        XCTAssertEqual(metric(pickedSummary, "go_memory")["verdict"] as? String, "increased", "heapleak leaks; steady does not")
        let unknown = try CommandRunner.run(["compare", two, two, "--instance", "nosuch", "-o", path("none.html")])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertEqual(unknown.stderr.split(separator: "\n").count, 1, unknown.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("none.html")))

        let answer = Fixtures.recording("heapleak") + "/prometheus/query_range.json"
        let noProfiles = try CommandRunner.run(["compare", answer, Fixtures.recording("heapleak"), "-o", html])
        XCTAssertEqual(noProfiles.status, 0, noProfiles.stderr)
        let page = try String(contentsOfFile: html, encoding: .utf8)
        XCTAssertTrue(page.contains("A side has no heap profile: nothing to diff."))
        XCTAssertTrue(page.contains("No significant change in Go memory at steady state"), "the same series on both sides")

        let bad = try CommandRunner.run(["compare", answer, answer, "-o", html, "--budget", "go_memroy:+10%"])
        XCTAssertEqual(bad.status, 2)
    }
}
