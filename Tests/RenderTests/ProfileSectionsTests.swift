import Analysis
import Ingest
import MemoryModel
import Render
import TestSupport
import XCTest

/// The profile parts of a report, on the real recordings: what a correct report
/// concludes (recordings README) must be visible in them.
final class ProfileSectionsTests: XCTestCase {
    func testHeapleakDiffPointsAtFooHandler() throws {
        let html = try ReportPageTests.render(Fixtures.recording("heapleak")).html
        XCTAssertTrue(html.contains("<h2 id=\"heap-profile-heading\">Heap profile</h2>"))
        // The function that grew most since the first profile is main.FooHandler.
        let growth = try XCTUnwrap(html.range(of: "Function that grew"))
        let firstRow = html[growth.upperBound...].components(separatedBy: "</tr>")[1]
        XCTAssertTrue(firstRow.contains("<code>main.FooHandler</code>"), firstRow)
        // And by line, main.go:45.
        XCTAssertTrue(html.contains("<code>main.FooHandler /tmp/gobuild/main.go:45</code>"))
        // The heap goal sentence quotes the profile (49.1 MiB in use) at the assumed GOGC.
        XCTAssertTrue(html.contains("is <strong>49.1 MiB</strong>"), html)
        XCTAssertTrue(html.contains("at GOGC=100 (assumed: the recording has no <code>go_gc_gogc_percent</code>)"))
    }

    func testSummaryCarriesProfilesAndDiffs() throws {
        let json = try ReportPageTests.render(Fixtures.recording("heapleak")).json
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let heapDiff = try XCTUnwrap(object["heap_diff"] as? [String: Any])
        let growth = try XCTUnwrap(heapDiff["top_growth"] as? [[String: Any]])
        XCTAssertEqual(growth.first?["function"] as? String, "main.FooHandler")
        let profiles = try XCTUnwrap(object["profiles"] as? [[String: Any]])
        XCTAssertEqual(profiles.map { $0["kind"] as? String }, ["heap", "goroutine"])
        XCTAssertEqual(profiles[0]["total"] as? Int, 51_530_913)
        XCTAssertEqual((profiles[0]["top_flat"] as? [[String: Any]])?.first?["function"] as? String, "main.FooHandler")
        XCTAssertNotNil(object["goroutine_diff"] as? [String: Any])
        // Without profiles, the fields are null rather than missing.
        let bare = try ReportPageTests.render(Fixtures.derived("heapleak-no-rss.json")).json
        XCTAssertTrue(bare.contains("\"heap_diff\" : null"))
        XCTAssertTrue(bare.contains("\"profiles\" : [\n\n  ]"))
    }

    func testGoroutineleakHeadline() throws {
        let recording = try RecordingFolder.load(path: Fixtures.recording("goroutineleak"))
        // The latest goroutine snapshot is read from the debug=2 dump (it has wait states).
        XCTAssertEqual(recording.profiles.goroutine?.file, "pprof/goroutine-20261128T073737712Z.debug2.txt")
        XCTAssertEqual(recording.profiles.goroutineBase?.file, "pprof/goroutine-20261128T073242610Z.debug2.txt")
        XCTAssertEqual(recording.profiles.heap?.file, "pprof/heap-20261128T073737712Z.pb.gz")
        let html = try ReportPageTests.render(Fixtures.recording("goroutineleak")).html
        XCTAssertTrue(html.contains("<strong>+29,481 goroutines in main.BarHandler.func1, blocked on chan receive (nil chan) at main.go:70</strong>"), html)
    }

    func testProfileTimesComeFromTheProfileOrTheFileName() throws {
        let set = try RecordingProfiles.load(folder: Fixtures.recording("heapleak"))
        // Proto: time_nanos. Dump: the file-name stamp.
        XCTAssertEqual(set.heap?.time ?? 0, 1_795_851_457.66, accuracy: 1)
        XCTAssertEqual(set.goroutine?.file, "pprof/goroutine-20261128T073737664Z.debug2.txt")
        XCTAssertEqual(set.goroutine?.time ?? 0, 1_795_851_457.664, accuracy: 0.001)
    }
}
