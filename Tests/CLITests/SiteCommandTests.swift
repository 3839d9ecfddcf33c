import Foundation
import TestSupport
import XCTest

/// `gomemreport site`: pages, index, index.json, failures, determinism and safe replacement.
final class SiteCommandTests: XCTestCase {
    private var folder: URL!
    override func setUp() { folder = Fixtures.temporaryFolder() }
    override func tearDown() { try? FileManager.default.removeItem(at: folder) }
    private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Run from the fixtures folder, so names in errors are relative and the golden is stable.
    private func site(_ recordings: [String], to output: String, extra: [String] = []) throws -> CommandResult {
        try CommandRunner.run(["site"] + recordings + ["-o", output, "--jobs", "2"] + extra, in: Fixtures.folder)
    }

    func testSiteWithAFailure() throws {
        let output = path("site")
        let result = try site(["recordings/steady", "recordings/heapleak", "bad/not-json.json", "recordings/virtual"], to: output)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("gomemreport: [3/4] ") || result.stderr.contains("bad/not-json.json: failed: bad/not-json.json: byte 0: not valid JSON"), result.stderr)
        XCTAssertTrue(result.stderr.hasSuffix("gomemreport: wrote \(URL(fileURLWithPath: output).standardizedFileURL.path): 3 pages and index.html; 1 recording failed\n"), result.stderr)
        let files = try FileManager.default.contentsOfDirectory(atPath: output).sorted()
        XCTAssertEqual(files, ["heapleak.html", "index.html", "index.json", "steady.html", "virtual.html"])

        let index = try String(contentsOfFile: output + "/index.html", encoding: .utf8)
        assertGolden(index, "site/index.html", scrub: Self.scrubVersion)
        assertGolden(try String(contentsOfFile: output + "/index.json", encoding: .utf8), "site/index.json", scrub: Self.scrubVersion)
        // Worst first: heapleak (critical), virtual (warning), steady (nothing to fix).
        let order = ["heapleak.html#", "virtual.html#", "steady.html#"].map { index.range(of: "href=\"\($0)")!.lowerBound }
        XCTAssertEqual(order, order.sorted())
        XCTAssertTrue(index.contains("3 instances in 4 recordings: 1 with critical findings, 1 with warnings. 1 recording could not be read."))
        XCTAssertTrue(index.contains("<li><strong>bad/not-json.json</strong>: bad/not-json.json: byte 0: not valid JSON"))
        // Links are relative: no scheme, no absolute path.
        for href in index.components(separatedBy: "href=\"").dropFirst().map({ String($0.prefix { $0 != "\"" }) }) {
            XCTAssertFalse(href.hasPrefix("/") || href.contains(":"), href)
        }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output + "/index.json"))) as! [String: Any]
        XCTAssertEqual(json["schema"] as? String, "gomemreport/site/v1")
        let pages = json["pages"] as! [[String: Any]]
        XCTAssertEqual(pages.map { $0["page"] as? String }, ["steady.html", "heapleak.html", "virtual.html"])
        XCTAssertEqual((pages[1]["summary"] as? [String: Any])?["schema"] as? String, "gomemreport/summary/v1")
    }

    /// --fail-on: exit 3 once the whole site is written when a finding of any page
    /// matches; a recording that fails still makes it 1.
    func testFailOn() throws {
        for (recordings, rule, status) in [(["recordings/steady", "recordings/heapleak"], "heap-leak", Int32(3)),
                                           (["recordings/steady", "recordings/heapleak"], "goroutine-leak", 0),
                                           (["recordings/steady"], "critical", 0),
                                           (["recordings/heapleak", "bad/not-json.json"], "critical", 1)] {
            let output = path("site-\(rule)-\(recordings.count)")
            let result = try site(recordings, to: output, extra: ["--fail-on", rule])
            XCTAssertEqual(result.status, status, "\(recordings) \(rule): \(result.stderr)")
            XCTAssertTrue(FileManager.default.fileExists(atPath: output + "/index.html"), "the site is written either way")
            XCTAssertEqual(result.stderr.contains("gomemreport: failing (--fail-on): found heap-leak\n"), status == 3, result.stderr)
        }
        XCTAssertEqual(try site(["recordings/steady"], to: path("x"), extra: ["--fail-on", "heap-leek"]).status, 2)
    }

    /// --baseline and --budget: every other page is compared with the baseline as
    /// `compare` would; a budget exceeded on any page exits 3 once the site is written,
    /// and index.json lists each page's rules.
    func testBudgetsAgainstABaseline() throws {
        let output = path("budgets")
        let modern = ["go1.27-steady", "go1.27-steady-rerun", "go1.27-cache-added"].map { "recordings-modern/\($0)" }
        let result = try site(modern, to: output, extra: ["--baseline", modern[0], "--budget", "go_memory:+10%", "--markdown", path("comment.md")])
        XCTAssertEqual(result.status, 3, result.stderr)
        XCTAssertTrue(result.stderr.contains("gomemreport: budget go_memory:+10% (go1-27-steady-rerun.html, go1.27-steady-rerun): −328 KiB (−3.1%), within noise or lower: within budget\n"), result.stderr)
        XCTAssertTrue(result.stderr.contains("gomemreport: failing (--budget): exceeded go_memory:+10% (go1-27-cache-added.html)\n"), result.stderr)
        let index = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output + "/index.json"))) as! [String: Any]
        let pages = index["pages"] as! [[String: Any]]
        XCTAssertNil(pages[0]["budgets"], "the baseline is not compared with itself")
        XCTAssertEqual((pages[1]["budgets"] as? [[String: Any]])?.map { $0["exceeded"] as? Bool }, [false])
        XCTAssertEqual((pages[2]["budgets"] as? [[String: Any]])?.map { $0["exceeded"] as? Bool }, [true])
        XCTAssertEqual(try site(modern, to: path("x"), extra: ["--budget", "go_memory:+10%"]).status, 2, "--budget needs --baseline")

        // Each other page has its compare page, linked from the index with its verdict.
        XCTAssertNil(pages[0]["compare_page"])
        XCTAssertEqual(pages[2]["compare_page"] as? String, "go1-27-cache-added.compare.html")
        XCTAssertTrue((pages[2]["compare_verdict"] as? String ?? "").hasPrefix("Candidate uses 96.6 MiB (+921%) more Go memory"), "\(pages[2])")
        XCTAssertTrue((pages[1]["compare_verdict"] as? String ?? "").hasPrefix("No significant change in Go memory"))
        let compare = try String(contentsOfFile: output + "/go1-27-cache-added.compare.html", encoding: .utf8)
        XCTAssertTrue(compare.contains("<h1>Go memory compared: go1.27-steady → go1.27-cache-added</h1>"), compare)
        XCTAssertTrue(compare.contains("1 of 1 budget exceeded: go_memory:+10% (go1.27-cache-added)."))
        XCTAssertFalse(FileManager.default.fileExists(atPath: output + "/go1-27-steady.compare.html"), "the baseline is not compared with itself")
        let html = try String(contentsOfFile: output + "/index.html", encoding: .utf8)
        XCTAssertTrue(html.contains("<a href=\"go1-27-cache-added.compare.html\">Against the baseline</a>: <p>Candidate uses 96.6 MiB (+921%)"), html)
        let pageCheck = try InjectionTests.inspect([output + "/index.html", output + "/go1-27-cache-added.compare.html"])
        XCTAssertEqual(pageCheck.map(\.violations), [[], []])

        // One pull-request comment for the site: each page's verdict and budgets.
        let comment = try String(contentsOfFile: path("comment.md"), encoding: .utf8)
        XCTAssertTrue(comment.hasPrefix("## Go memory against the baseline go1.27-steady\n\n2 recordings compared with the baseline; 1 of 2 exceed a budget.\n"), comment)
        XCTAssertTrue(comment.contains("| go1.27-cache-added | go1-27-cache-added.compare.html | Candidate uses 96.6 MiB (+921%) more Go memory at steady state, "
            + "mostly heap live & dead objects in `main.(*Cache).Put`. | **exceeded** `go_memory:+10%` |\n"), comment)
        XCTAssertTrue(comment.contains("| go1.27-steady-rerun | go1-27-steady-rerun.compare.html | No significant change"), comment)
        XCTAssertTrue(comment.contains("| 1 held |\n"), comment)
        XCTAssertEqual(try site(modern, to: path("y"), extra: ["--markdown", path("c.md")]).status, 2, "--markdown needs --baseline")

        // --baseline alone: the compare pages, no budgets, exit 0.
        let plain = try site(modern, to: path("plain"), extra: ["--baseline", modern[0]])
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path("plain") + "/go1-27-steady-rerun.compare.html"))
        let plainPages = (try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path("plain") + "/index.json"))) as! [String: Any])["pages"] as! [[String: Any]]
        XCTAssertNil(plainPages[1]["budgets"])
    }

    /// The same inputs give the same bytes, page and index alike, whatever the job count.
    func testDeterministic() throws {
        let inputs = ["recordings/heapleak", "recordings/goroutineleak", "recordings/mmap"]
        XCTAssertEqual(try site(inputs, to: path("a")).status, 0)
        XCTAssertEqual(try CommandRunner.run(["site"] + inputs + ["-o", path("b"), "--jobs", "1"], in: Fixtures.folder).status, 0)
        for name in try FileManager.default.contentsOfDirectory(atPath: path("a")) {
            XCTAssertEqual(Fixtures.bytes(path("a/\(name)")), Fixtures.bytes(path("b/\(name)")), name)
        }
    }

    /// A site replaces the previous site in one step; a folder that is not a site is never replaced.
    func testReplacesOnlyASite() throws {
        let output = path("site")
        XCTAssertEqual(try site(["recordings/steady"], to: output).status, 0)
        XCTAssertEqual(try site(["recordings/heapleak", "recordings/steady"], to: output).status, 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: output).sorted(), ["heapleak.html", "index.html", "index.json", "steady.html"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["site"], "no temporary folder left")

        let mine = path("mine")
        try FileManager.default.createDirectory(atPath: mine, withIntermediateDirectories: true)
        try "keep me\n".write(toFile: mine + "/notes.txt", atomically: true, encoding: .utf8)
        let refused = try site(["recordings/steady"], to: mine)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("exists and is not a gomemreport site; give a new or empty folder"), refused.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: mine), ["notes.txt"])
    }

    /// A run killed midway leaves the previous site exactly as it was.
    func testKilledRunLeavesThePreviousSite() throws {
        let output = path("site")
        XCTAssertEqual(try site(["recordings/steady"], to: output).status, 0)
        let before = try FileManager.default.contentsOfDirectory(atPath: output).sorted().map { ($0, Fixtures.bytes(output + "/" + $0)) }

        // Many recordings (each of the seven, four times), one at a time: long enough to kill midway.
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.folder.path + "/recordings").sorted()
        let inputs = Array(repeating: names.map { "recordings/\($0)" }, count: 4).flatMap { $0 }
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = ["site"] + inputs + ["-o", output, "--jobs", "1"]
        process.currentDirectoryURL = Fixtures.folder
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill it once it has started writing pages into its temporary folder.
        let deadline = Date().addingTimeInterval(20)
        var sawWork = false
        while Date() < deadline && process.isRunning {
            let temporary = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".site.tmp-") }
            if let first = temporary.first,
               let pages = try? FileManager.default.contentsOfDirectory(atPath: folder.path + "/" + first), pages.count >= 2 {
                sawWork = true
                break
            }
            usleep(20_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertTrue(sawWork, "the run finished before it could be killed midway")
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)
        let after = try FileManager.default.contentsOfDirectory(atPath: output).sorted().map { ($0, Fixtures.bytes(output + "/" + $0)) }
        XCTAssertEqual(after.map(\.0), before.map(\.0))
        XCTAssertTrue(zip(after, before).allSatisfy { $0.1 == $1.1 }, "the previous site changed")

        // The next run clears the killed run's temporary folder.
        XCTAssertEqual(try site(["recordings/steady"], to: output).status, 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["site"])
    }

    static func scrubVersion(_ text: String) -> String {
        text.replacingOccurrences(of: "gomemreport 0.1.0", with: "gomemreport VERSION")
    }
}
