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
            return XCTFail("\(tool) is missing: apt-get install chromium chromium-driver; pip install selenium==4.27.1 (.ci/run does)")
        }
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        XCTAssertEqual(try CommandRunner.run(["demo", "-o", path("demo.html")]).status, 0)
        XCTAssertEqual(try CommandRunner.run(["report", Fixtures.recording("heapleak"), "-o", path("heapleak.html")]).status, 0)
        XCTAssertEqual(try CommandRunner.run(["site", Fixtures.recording("heapleak"), Fixtures.recording("mmap"), Fixtures.recording("steady"),
                                              "-o", path("site")]).status, 0)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Fixtures.root.appendingPathComponent("Tests/Browser/check_pages.py").path, folder.path,
                             path("demo.html"), path("heapleak.html"), path("site/index.html")]
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
        XCTAssertEqual(pages.compactMap { $0["page"] as? String }, ["demo.html", "heapleak.html", "index.html"], text)
        for page in pages {
            XCTAssertLessThan(page["dom_nodes"] as? Int ?? .max, 30_000, "\(page)")
            XCTAssertGreaterThan(page["charts"] as? Int ?? 0, 0, "\(page)")
        }
    }
}
