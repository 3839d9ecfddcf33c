import Foundation
import TestSupport
import XCTest

/// `top`, `profile` and the report's profile options, as a user runs them.
final class ProfileCommandTests: XCTestCase {
    var folder: URL!
    let pprof = Fixtures.recording("heapleak") + "/pprof/"

    override func setUp() { folder = Fixtures.temporaryFolder() }
    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func testTopPrintsPprofStyleTable() throws {
        let result = try CommandRunner.run(["top", pprof + "heap-20261128T073737664Z.pb.gz", "-n", "3", "--exact"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, """
            Type: inuse_space
            Time: 2026-11-28 07:37:37 UTC
            Showing nodes accounting for 49957921B, 96.95% of 51530913B total
            Showing top 3 nodes out of 24
                  flat  flat%   sum%        cum   cum%
             47584929B 92.34% 92.34%  47584929B 92.34%  main.FooHandler
              1848496B  3.59% 95.93%   1848496B  3.59%  compress/flate.NewWriter
               524496B  1.02% 96.95%    524496B  1.02%  runtime.malg

            """)
        let diff = try CommandRunner.run(["top", pprof + "heap-20261128T073737664Z.pb.gz", "--base", pprof + "heap-20261128T073242588Z.pb.gz", "-n", "1"])
        XCTAssertEqual(diff.status, 0, diff.stderr)
        XCTAssertTrue(diff.stdout.contains("main.FooHandler"), diff.stdout)
    }

    func testProfilePage() throws {
        let result = try CommandRunner.run(["profile", pprof + "heap-20261128T073737664Z.pb.gz", "--base", pprof + "heap-20261128T073242588Z.pb.gz",
                                            "-o", path("heap.html")])
        XCTAssertEqual(result.status, 0, result.stderr)
        let html = try String(contentsOfFile: path("heap.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<title>inuse_space profile: heap-20261128T073737664Z.pb.gz</title>"))
        XCTAssertTrue(html.contains("Function that grew"))
        XCTAssertFalse(html.contains(" src="))

        let goroutines = try CommandRunner.run(["profile", pprof + "goroutine-20261128T073737664Z.debug2.txt", "-o", path("g.html")])
        XCTAssertEqual(goroutines.status, 0, goroutines.stderr)
        XCTAssertTrue(try String(contentsOfFile: path("g.html"), encoding: .utf8).contains("Largest groups"))
    }

    func testReportProfileOptions() throws {
        let result = try CommandRunner.run([
            "report", Fixtures.recording("steady"), "-o", path("r.html"), "--json", path("r.json"),
            "--profile", pprof + "heap-20261128T073737664Z.pb.gz", "--base", pprof + "heap-20261128T073242588Z.pb.gz",
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try String(contentsOfFile: path("r.json"), encoding: .utf8)
        XCTAssertTrue(json.contains("\"current_file\" : \"\(pprof)heap-20261128T073737664Z.pb.gz\""), json)
    }

    func testNormalizeComparesShapes() throws {
        let result = try CommandRunner.run(["report", Fixtures.recording("heapleak"), "--normalize", "-o", path("n.html"), "--json", path("n.json")])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path("n.json")))) as? [String: Any]
        let diff = try XCTUnwrap(json?["heap_diff"] as? [String: Any])
        // Scaled to the base's total (pprof's -normalize), the shape still grew in main.FooHandler.
        XCTAssertEqual(diff["base_total"] as? Int, 2_098_809)
        XCTAssertEqual(diff["current_total"] as? Int, 2_098_809)
        XCTAssertEqual((diff["top_growth"] as? [[String: Any]])?.first?["function"] as? String, "main.FooHandler")
    }

    func testBadProfilesFailWithOneLine() throws {
        let bad = Fixtures.folder.appendingPathComponent("bad-profiles").path
        let cases: [([String], String)] = [
            (["top", bad + "/corrupt-gzip.pb.gz"], "\(bad)/corrupt-gzip.pb.gz: byte "),
            (["top", bad + "/zeros-10MiB.pb.gz", "--max-profile-bytes", "1000000"], "\(bad)/zeros-10MiB.pb.gz: decompresses to more than 1000000 bytes"),
            (["top", pprof + "heap-20261128T073737664Z.pb.gz", "--sample-index", "nope"],
             "\(pprof)heap-20261128T073737664Z.pb.gz: no sample type 'nope'; the profile has 0: alloc_objects, 1: alloc_space, 2: inuse_objects, 3: inuse_space"),
            (["profile", bad + "/truncated-message.pb", "-o", path("x.html")], "\(bad)/truncated-message.pb: byte "),
            (["report", Fixtures.recording("steady"), "-o", path("y.html"), "--profile", bad + "/truncated-gzip.pb.gz"], "\(bad)/truncated-gzip.pb.gz: byte "),
        ]
        for (arguments, prefix) in cases {
            let result = try CommandRunner.run(arguments)
            XCTAssertEqual(result.status, 1, arguments.joined(separator: " "))
            XCTAssertTrue(result.stderr.hasPrefix("gomemreport: " + prefix), result.stderr)
            XCTAssertEqual(result.stderr.filter { $0 == "\n" }.count, 1, result.stderr)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }
}
