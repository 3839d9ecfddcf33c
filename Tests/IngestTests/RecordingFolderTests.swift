import Ingest
import MemoryModel
import TestSupport
import XCTest

final class RecordingFolderTests: XCTestCase {
    func testFolderGroupsSeriesByInstance() throws {
        let recording = try RecordingFolder.load(path: Fixtures.recording("goroutineleak"))
        XCTAssertEqual(recording.name, "goroutineleak")
        XCTAssertEqual(recording.location, Fixtures.recording("goroutineleak"))
        // RSS from /proc wins over process_resident_memory_bytes, so proc/ is read too,
        // as the recording's one instance.
        XCTAssertEqual(recording.sourceFiles, ["prometheus/query_range.json", "proc/*.status"])
        let vmRSS = try XCTUnwrap(recording.instances[0].series(named: "proc_vm_rss_bytes"))
        XCTAssertEqual(vmRSS.labels, ["job": "goroutineleak", "instance": "127.0.0.1:38763"])
        XCTAssertEqual(vmRSS.origin.file, Fixtures.recording("goroutineleak") + "/proc")
        XCTAssertEqual(recording.instances.map(\.id), [InstanceID(job: "goroutineleak", instance: "127.0.0.1:38763")])
        XCTAssertNil(recording.notes)
        let goroutines = try XCTUnwrap(recording.instances[0].series(named: "go_goroutines"))
        // 863 → 30,223 goroutines, as the recording's README says.
        XCTAssertEqual(goroutines.values.first, 863)
        XCTAssertEqual(goroutines.values.last, 30223)
    }

    func testSingleFileAndSeveralInstances() throws {
        let recording = try RecordingFolder.load(path: Fixtures.derived("two-instances.json"))
        XCTAssertEqual(recording.name, "two-instances")
        XCTAssertEqual(recording.instances.map(\.id.description), ["heapleak/127.0.0.1:46027", "steady/127.0.0.1:35307"])
        XCTAssertEqual(recording.instances.map(\.series.count), [15, 15])
    }

    func testNotesAreRead() throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("prometheus"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.derived("heapleak-no-rss.json"),
                                         toPath: folder.appendingPathComponent("prometheus/query_range.json").path)
        try "# Incident 42\n".write(to: folder.appendingPathComponent("notes.md"), atomically: true, encoding: .utf8)
        let recording = try RecordingFolder.load(path: folder.path)
        XCTAssertEqual(recording.notes, "# Incident 42\n")
    }

    func testMissingPathAndEmptyFolder() {
        XCTAssertThrowsError(try RecordingFolder.load(path: "/nonexistent/recording")) { error in
            XCTAssertEqual((error as? InputError)?.description, "/nonexistent/recording: no such file or folder")
        }
        let empty = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: empty) }
        XCTAssertThrowsError(try RecordingFolder.load(path: empty.path)) { error in
            XCTAssertEqual((error as? InputError)?.file, empty.path)
            XCTAssertTrue((error as? InputError)?.reason.contains("prometheus/*.json") == true)
        }
    }
}
