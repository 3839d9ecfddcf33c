import Foundation
import TestSupport
import XCTest

/// Reports as a reader gets them, in a real headless Chromium (Tests/Browser/check_pages.py
/// through chromedriver and Selenium, which `.ci/run` installs): no console error, no
/// network request, charts drawn with a size, findings and tables present with scripts
/// off, a screenshot that is not blank. The demo, a heap-leak report with profiles and
/// a site index. Missing Chromium fails the test with what to install; it is never skipped.
final class BrowserTests: XCTestCase {
    func testPagesInChromium() throws {
        for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver"] where !FileManager.default.isExecutableFile(atPath: tool) {
            return XCTFail("\(tool) is missing: apt-get install chromium chromium-driver; pip install selenium==4.27.1 (scripts/test does)")
        }
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        XCTAssertEqual(try CommandRunner.run(["demo", "-o", path("demo.html")]).status, 0)
        XCTAssertEqual(try CommandRunner.run(["report", Fixtures.recording("heapleak"), "-o", path("heapleak.html")]).status, 0)
        XCTAssertEqual(try CommandRunner.run(["site", Fixtures.recording("heapleak"), Fixtures.recording("mmap"), Fixtures.recording("steady"),
                                              "-o", path("site")]).status, 0)
        let modern = Fixtures.root.appendingPathComponent("Tests/Fixtures/recordings-modern").path
        XCTAssertEqual(try CommandRunner.run(["compare", modern + "/go1.27-steady", modern + "/go1.27-cache-added", "-o", path("compare.html")]).status, 0)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Fixtures.root.appendingPathComponent("Tests/Browser/check_pages.py").path, folder.path,
                             path("demo.html"), path("heapleak.html"), path("site/index.html"), path("compare.html")]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, text)

        let pages = text.split(separator: "\n").compactMap { line in
            try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        }
        XCTAssertEqual(pages.compactMap { $0["page"] as? String }, ["demo.html", "heapleak.html", "index.html", "compare.html"], text)
        for page in pages {
            XCTAssertLessThan(page["dom_nodes"] as? Int ?? .max, 30_000, "\(page)")
            XCTAssertGreaterThan(page["charts"] as? Int ?? 0, 0, "\(page)")
        }
    }

    /// Reports, profile pages and a site index made from the hostile fixtures
    /// (`Tests/Fixtures/injection/`), opened with scripts on (Tests/Browser/check_inert.py):
    /// nothing runs (no alert, `window.__pwned` unset), the DOM holds no script, event
    /// handler or javascript: URL, the console has no CSP violation, nothing is fetched,
    /// and the payloads are there as text. Two control pages prove the checks see a
    /// script that runs, and one that the reports' CSP blocks.
    func testHostileInputRunsNothingInChromium() throws {
        for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver"] where !FileManager.default.isExecutableFile(atPath: tool) {
            return XCTFail("\(tool) is missing: apt-get install chromium chromium-driver; pip install selenium==4.27.1 (scripts/test does)")
        }
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        let recording = Fixtures.folder.appendingPathComponent("injection/recording").path
        XCTAssertEqual(try CommandRunner.run(["report", recording, "-o", path("report.html")]).status, 0)
        XCTAssertEqual(try CommandRunner.run(["profile", recording + "/pprof/heap-20261128T073730000Z.pb.gz",
                                              "--base", recording + "/pprof/heap-20261128T073300000Z.pb.gz", "-o", path("heap.html")]).status, 0)
        XCTAssertEqual(try CommandRunner.run(["profile", recording + "/pprof/goroutine-20261128T073730000Z.debug2.txt",
                                              "--base", recording + "/pprof/goroutine-20261128T073300000Z.debug2.txt", "-o", path("goroutines.html")]).status, 0)
        let named = path("\"><svg onload=alert(1)>\u{202E}")
        try FileManager.default.createSymbolicLink(atPath: named, withDestinationPath: recording)
        XCTAssertEqual(try CommandRunner.run(["site", named, "-o", path("site"),
                                              "--title", "</script><script>alert(1)</script> {{title}} \u{202E}"]).status, 0)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Fixtures.root.appendingPathComponent("Tests/Browser/check_inert.py").path, folder.path,
                             path("report.html"), path("heap.html"), path("goroutines.html"), path("site/index.html")]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, problems)

        struct Result: Decodable {
            var page: String, ran: Bool, scripts: Int, handlers: [String], unsafe_links: [String]
            var console: [String], requests: [String], invisible: [String], shown: [String]
        }
        let results = try text.split(separator: "\n").map { try JSONDecoder().decode(Result.self, from: Data($0.utf8)) }
        XCTAssertEqual(results.map(\.page), ["control-open.html", "control-csp.html", "report.html", "heap.html", "goroutines.html", "index.html"], text)
        guard results.count == 6 else { return }
        XCTAssertTrue(results[0].ran, "the check must see a script that runs: \(text)")
        XCTAssertFalse(results[1].ran, text)
        XCTAssertTrue(results[1].console.contains { $0.contains("violates the following Content Security Policy directive 'script-src 'none''") }, text)
        for page in results.dropFirst(2) {
            XCTAssertFalse(page.ran, page.page)
            XCTAssertEqual(page.scripts, 0, page.page)
            XCTAssertEqual(page.handlers, [], page.page)
            XCTAssertEqual(page.unsafe_links, [], page.page)
            XCTAssertEqual(page.console, [], page.page)
            XCTAssertEqual(page.requests, [], page.page)
            XCTAssertEqual(page.invisible, [], page.page)
            XCTAssertTrue(["</script><script>alert(1)</script>", "\"><svg onload=alert(1)>", "javascript:alert(1)"]
                            .allSatisfy(page.shown.contains), "\(page.page) shows \(page.shown)")
        }
        XCTAssertTrue(results[2].shown.contains("{{title}}") && results[2].shown.contains("\\u202E"), "\(results[2].shown)")
    }
}
