import Foundation
import Ingest
import MemoryModel
import TestSupport
import XCTest

/// `recording.json` is read with the recording, whichever tool wrote it (`record`, or a
/// saved Prometheus query); a broken one is a warning, not a failure, since readers must
/// not require it.
final class RecordingProvenanceReadingTests: XCTestCase {
    private var folder: URL!
    private var path: String { folder.appendingPathComponent("recording.json").path }

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

    func testARecordersManifestIsRead() throws {
        try write("""
            {"schema": "gomemreport/recording/v1", "source": "record", "tool": "othertool 2.0",
             "target": {"url": "http://10.0.0.7:6060", "pid": 42},
             "interval_seconds": 10, "started": "2026-11-28T07:00:00.000Z", "state": "interrupted",
             "samples": {"taken": 30, "late": 1, "missed": 2}, "profile_rounds": [],
             "endpoints": [{"endpoint": "metrics", "source": "http://10.0.0.7:6060/metrics", "requests": 30, "answers": 28,
                            "bytes": 9000, "absent": false, "skipped": 0,
                            "errors": [{"kind": "timeout", "count": 2, "first": "2026-11-28T07:01:00.000Z",
                                        "last": "2026-11-28T07:02:00.000Z", "message": "no answer within the timeout"}]}],
             "notes": ["a note"], "error_count": 2, "some_later_field": true}
            """)
        let recording = try RecordingFolder.load(path: folder.path)
        guard case .recorded(let manifest) = recording.provenance else { return XCTFail("\(String(describing: recording.provenance))") }
        XCTAssertEqual(manifest.tool, "othertool 2.0")
        XCTAssertEqual(manifest.target.pid, 42)
        XCTAssertEqual(manifest.state, .interrupted)
        XCTAssertNil(manifest.ended)
        XCTAssertEqual(manifest.samples.missed, 2)
        XCTAssertEqual(manifest.endpoints.first?.errors.first?.count, 2)
        XCTAssertEqual(recording.warnings, [])
    }

    func testASavedQuerysManifestIsRead() throws {
        try write("""
            {"schema": "gomemreport/recording/v1", "source": "prometheus", "url": "http://prom:9090", "selector": "{job=\\"api\\"}",
             "start": "2026-11-28T07:00:00Z", "end": "2026-11-28T08:00:00Z", "step": "15s", "step_seconds": 15,
             "header_names": ["X-Scope-OrgID"], "queries": ["go_goroutines{job=\\"api\\"}"], "tool": "gomemreport 0.1.0"}
            """)
        let recording = try RecordingFolder.load(path: folder.path)
        guard case .queried(let query) = recording.provenance else { return XCTFail("\(String(describing: recording.provenance))") }
        XCTAssertEqual(query.selector, "{job=\"api\"}")
        XCTAssertEqual(query.stepSeconds, 15)
        XCTAssertEqual(query.headerNames, ["X-Scope-OrgID"])
    }

    func testABrokenManifestIsAWarningOrWithStrictAnError() throws {
        try write(#"{"schema": "gomemreport/recording/v1", "source": "record", "tool": "x", "state": "sleeping"}"#)
        let recording = try RecordingFolder.load(path: folder.path)
        XCTAssertNil(recording.provenance)
        XCTAssertEqual(recording.warnings.map(\.description), ["\(path): not a gomemreport/recording/v1 manifest (no target); ignored"])
        XCTAssertThrowsError(try RecordingFolder.load(path: folder.path, strict: true)) { error in
            XCTAssertEqual((error as? InputError)?.description, "\(path): not a gomemreport/recording/v1 manifest (no target)")
        }
        try write(#"{"schema": "gomemreport/recording/v9"}"#)
        XCTAssertEqual(try RecordingFolder.load(path: folder.path).warnings.map(\.reason),
                       ["schema “gomemreport/recording/v9”, expected gomemreport/recording/v1; ignored"])
        try write(#"{"schema": "gomemreport/recording/v1", "source": "ftp"}"#)
        XCTAssertEqual(try RecordingFolder.load(path: folder.path).warnings.map(\.reason),
                       ["source “ftp”, expected record or prometheus; ignored"])
        try write("[1, 2")
        XCTAssertEqual(try RecordingFolder.load(path: folder.path).warnings.map(\.reason),
                       ["not a gomemreport/recording/v1 manifest (not JSON); ignored"])
    }
}
