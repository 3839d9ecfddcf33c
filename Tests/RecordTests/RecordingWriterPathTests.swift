import Capture
import Foundation
import TestSupport
import XCTest

/// `RecordingWriter` writes only inside its folder: a relative path that climbs out, an
/// absolute one, or a link planted at a partial file's name is refused, never followed.
final class RecordingWriterPathTests: XCTestCase {
    func testPathsThatLeaveTheFolderAreRefused() throws {
        let sandbox = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: sandbox) }
        let folder = sandbox.appendingPathComponent("rec").path
        let writer = try RecordingWriter(folder: folder, subfolders: ["metrics"])
        for hostile in ["../escaped.prom", "metrics/../../escaped.prom", "/tmp/escaped.prom", "metrics//x.prom", "./x.prom", ""] {
            XCTAssertThrowsError(try writer.write(Array("x".utf8), to: hostile)) { error in
                XCTAssertEqual((error as? RecordingWriteError)?.reason, "not a path inside the recording", hostile)
            }
        }
        // A link where the partial file goes: removed and replaced, the file it points to untouched.
        let victim = sandbox.appendingPathComponent("victim.txt").path
        try Data("original".utf8).write(to: URL(fileURLWithPath: victim))
        try FileManager.default.createSymbolicLink(atPath: folder + "/metrics/.a.prom.partial", withDestinationPath: victim)
        try writer.write(Array("sample".utf8), to: "metrics/a.prom")
        XCTAssertEqual(try String(contentsOfFile: victim, encoding: .utf8), "original")
        XCTAssertEqual(try String(contentsOfFile: folder + "/metrics/a.prom", encoding: .utf8), "sample")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: sandbox.path).sorted(), ["rec", "victim.txt"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder + "/metrics"), ["a.prom"])
    }
}
