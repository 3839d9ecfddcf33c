import Foundation
import TestSupport
import XCTest

/// No input makes gomemreport write or delete outside its output: links planted in an
/// old site, at a report's path, in leftover temporary folders or in a recording
/// folder are replaced or refused, never followed. Each test runs in a sandbox folder
/// with an `outside/` that must come through untouched, and lists the whole sandbox
/// (without following links) afterwards.
final class OutputPathSafetyTests: XCTestCase {
    private var sandbox: URL!
    private func path(_ name: String) -> String { sandbox.appendingPathComponent(name).path }

    override func setUpWithError() throws {
        sandbox = Fixtures.temporaryFolder()
        try FileManager.default.createDirectory(atPath: path("outside/dir"), withIntermediateDirectories: true)
        try Data("original".utf8).write(to: URL(fileURLWithPath: path("outside/victim.html")))
        try Data("keep".utf8).write(to: URL(fileURLWithPath: path("outside/dir/keep.txt")))
    }

    override func tearDown() { try? FileManager.default.removeItem(at: sandbox) }

    /// Every path under the sandbox, relative, links marked `->`, never followed.
    private func listing(_ relative: String = "") throws -> [String] {
        let folder = relative.isEmpty ? sandbox.path : path(relative)
        var out: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
            let child = relative.isEmpty ? name : relative + "/" + name
            let type = try FileManager.default.attributesOfItem(atPath: path(child))[.type] as? FileAttributeType
            if type == .typeSymbolicLink {
                out.append(child + " -> " + (try FileManager.default.destinationOfSymbolicLink(atPath: path(child))))
            } else if type == .typeDirectory {
                out.append(child + "/")
                out += try listing(child)
            } else {
                out.append(child)
            }
        }
        return out
    }

    private func assertOutsideUntouched(file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try String(contentsOfFile: path("outside/victim.html"), encoding: .utf8), "original", file: file, line: line)
        XCTAssertEqual(try listing("outside"), ["outside/dir/", "outside/dir/keep.txt", "outside/victim.html"], file: file, line: line)
    }

    private func link(_ name: String, to destination: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path(name), withDestinationPath: destination)
    }

    func testRebuildingASiteReplacesPlantedLinksWithoutFollowingThem() throws {
        let first = try CommandRunner.run(["site", Fixtures.recording("steady"), "-o", path("site")])
        XCTAssertEqual(first.status, 0, first.stderr)
        // Links where the next run writes its files, and one to a folder to be removed with the old site.
        try FileManager.default.removeItem(atPath: path("site/index.html"))
        try link("site/index.html", to: path("outside/victim.html"))
        try FileManager.default.removeItem(atPath: path("site/steady.html"))
        try link("site/steady.html", to: "../outside/victim.html")
        try link("site/assets", to: path("outside/dir"))
        try link("site/up", to: "..")

        let second = try CommandRunner.run(["site", Fixtures.recording("steady"), "-o", path("site")])
        XCTAssertEqual(second.status, 0, second.stderr)
        try assertOutsideUntouched()
        XCTAssertEqual(try listing(), ["outside/", "outside/dir/", "outside/dir/keep.txt", "outside/victim.html",
                                       "site/", "site/index.html", "site/index.json", "site/steady.html"])
        XCTAssertTrue(try String(contentsOfFile: path("site/index.html"), encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
    }

    func testASiteFolderThatIsALinkIsRefused() throws {
        try link("site", to: path("outside/dir"))
        let result = try CommandRunner.run(["site", Fixtures.recording("steady"), "-o", path("site")])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "gomemreport: \(path("site")): is a symbolic link; give the site folder's real path\n")
        try assertOutsideUntouched()
        XCTAssertEqual(try listing(), ["outside/", "outside/dir/", "outside/dir/keep.txt", "outside/victim.html", "site -> \(path("outside/dir"))"])
    }

    func testLeftoverTemporaryFoldersAreClearedWithoutFollowingLinks() throws {
        // What a killed run would leave, with links planted in and as them.
        try link(".site.tmp-AAAAAA", to: path("outside/dir"))
        try FileManager.default.createDirectory(atPath: path(".site.tmp-BBBBBB"), withIntermediateDirectories: true)
        try link(".site.tmp-BBBBBB/into", to: path("outside/dir"))
        try link(".site.tmp-BBBBBB/victim.html", to: path("outside/victim.html"))

        let result = try CommandRunner.run(["site", Fixtures.recording("steady"), "-o", path("site")])
        XCTAssertEqual(result.status, 0, result.stderr)
        try assertOutsideUntouched()
        XCTAssertEqual(try listing(), ["outside/", "outside/dir/", "outside/dir/keep.txt", "outside/victim.html",
                                       "site/", "site/index.html", "site/index.json", "site/steady.html"])
    }

    func testRecordingNamesBecomePlainPageNames() throws {
        // Names that would climb out of the site if they were used as paths.
        try FileManager.default.createDirectory(atPath: path("in"), withIntermediateDirectories: true)
        for name in ["..", "...", "..%2f..%2foutside", " .. "] where name != ".." {
            try link("in/" + name, to: Fixtures.recording("steady"))
        }
        let recordings = ["...", "..%2f..%2foutside", " .. "].map { path("in/" + $0) } + [path("in/../in/...")]
        let result = try CommandRunner.run(["site"] + recordings + ["-o", path("site")])
        XCTAssertEqual(result.status, 0, result.stderr)
        try assertOutsideUntouched()
        // Lower-case letters, digits and dashes; `in/../in/...` is the recording it names (steady).
        XCTAssertEqual(try listing("site"), ["site/2f-2foutside.html", "site/index.html", "site/index.json",
                                             "site/steady.html", "site/unnamed-2.html", "site/unnamed.html"])
    }

    func testAReportReplacesALinkAtItsPathInsteadOfWritingThroughIt() throws {
        try FileManager.default.createDirectory(atPath: path("out"), withIntermediateDirectories: true)
        try link("out/report.html", to: "../outside/victim.html")
        try link("out/summary.json", to: path("outside/victim.html"))
        let result = try CommandRunner.run(["report", Fixtures.recording("steady"), "-o", path("out/report.html"),
                                            "--json", path("out/summary.json")])
        XCTAssertEqual(result.status, 0, result.stderr)
        try assertOutsideUntouched()
        XCTAssertEqual(try listing("out"), ["out/report.html", "out/summary.json"])
    }

    func testRecordRefusesAFolderHoldingALinkAndStaysInItsOwn() throws {
        try FileManager.default.createDirectory(atPath: path("rec"), withIntermediateDirectories: true)
        try link("rec/metrics", to: path("outside/dir"))
        // Port 9 (discard) on loopback: nothing listens, so nothing is recorded either way.
        let refused = try CommandRunner.run(["record", "--url", "http://127.0.0.1:9", "-o", path("rec"), "--duration", "1s", "--interval", "1s", "--quiet"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("is not empty"), refused.stderr)
        try assertOutsideUntouched()

        let fresh = try CommandRunner.run(["record", "--url", "http://127.0.0.1:9", "-o", path("new"), "--duration", "2s",
                                           "--interval", "1s", "--timeout", "1s", "--quiet"])
        XCTAssertEqual(fresh.status, 1, fresh.stderr)
        try assertOutsideUntouched()
        let created = try listing().filter { !$0.hasPrefix("outside") && !$0.hasPrefix("rec") }
        XCTAssertEqual(created.first, "new/", "\(created)")
        XCTAssertTrue(created.allSatisfy { $0.hasPrefix("new/") && !$0.contains(" -> ") }, "\(created)")
    }
}
