import Foundation
import Ingest
import MemoryModel
import TestSupport
import XCTest

/// `recording.json` is read with the recording; a broken one is a warning, not a failure,
/// since readers must not require it.
final class RecordingManifestReadingTests: XCTestCase {
    private var folder: URL!

    override func setUp() {
        folder = Fixtures.temporaryFolder().appendingPathComponent("rec")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? FileManager.default.copyItem(atPath: Fixtures.recording("steady") + "/prometheus",
                                          toPath: folder.appendingPathComponent("prometheus").path)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: folder.deletingLastPathComponent())
    }

    private func write(_ text: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent("recording.json"))
    }

    func testAManifestIsReadWithTheRecording() throws {
        try write("""
            {"format": "gomemreport/recording/v1", "tool": "othertool 2.0", "target": {"url": "http://10.0.0.7:6060", "pid": 42},
             "interval_seconds": 10, "started": "2026-11-28T07:00:00.000Z", "state": "interrupted",
             "samples": {"taken": 30, "late": 1, "missed": 2}, "profile_rounds": [],
             "endpoints": [{"endpoint": "metrics", "source": "http://10.0.0.7:6060/metrics", "requests": 30, "answers": 28,
                            "bytes": 9000, "absent": false, "skipped": 0,
                            "errors": [{"kind": "timeout", "count": 2, "first": "2026-11-28T07:01:00.000Z",
                                        "last": "2026-11-28T07:02:00.000Z", "message": "no answer within the timeout"}]}],
             "notes": ["a note"], "error_count": 2, "some_later_field": true}
            """)
        let recording = try RecordingFolder.load(path: folder.path)
        let manifest = try XCTUnwrap(recording.manifest)
        XCTAssertEqual(manifest.tool, "othertool 2.0")
        XCTAssertEqual(manifest.target.pid, 42)
        XCTAssertEqual(manifest.state, .interrupted)
        XCTAssertNil(manifest.ended)
        XCTAssertEqual(manifest.samples.missed, 2)
        XCTAssertEqual(manifest.endpoints.first?.errors.first?.count, 2)
        XCTAssertEqual(recording.warnings, [])
    }

    func testABrokenManifestIsAWarningOrWithStrictAnError() throws {
        try write(#"{"format": "gomemreport/recording/v1", "tool": "x", "state": "sleeping"}"#)
        let path = folder.appendingPathComponent("recording.json").path
        let recording = try RecordingFolder.load(path: folder.path)
        XCTAssertNil(recording.manifest)
        XCTAssertEqual(recording.warnings.map(\.description), ["\(path): not a gomemreport/recording/v1 manifest (no target); ignored"])
        XCTAssertThrowsError(try RecordingFolder.load(path: folder.path, strict: true)) { error in
            XCTAssertEqual((error as? InputError)?.description, "\(path): not a gomemreport/recording/v1 manifest (no target)")
        }
        try write(#"{"format": "gomemreport/recording/v9"}"#)
        XCTAssertEqual(try RecordingFolder.load(path: folder.path).warnings.map(\.reason), ["not a gomemreport/recording/v1 manifest (no tool); ignored"])
    }
}
