import Foundation
import Ingest
import MemoryModel
import Render
import TestSupport
import XCTest

/// No fixture, of any Go version, makes a command fail or trap: every recording goes
/// through `report`, every profile through the reader, top and the profile page, and
/// one profile of each kind through the `top` and `profile` commands.
final class EveryFixtureTests: XCTestCase {
    static let recordingFolders = ["recordings", "recordings-extra", "recordings-modern"]

    func testEveryRecordingRenders() throws {
        let scratch = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        var count = 0
        for group in Self.recordingFolders {
            let parent = Fixtures.folder.appendingPathComponent(group)
            for name in try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted()
            where FileManager.default.fileExists(atPath: parent.appendingPathComponent("\(name)/pprof").path) {
                let result = try CommandRunner.run(["report", parent.appendingPathComponent(name).path,
                                                    "-o", scratch.appendingPathComponent("\(group)-\(name).html").path])
                XCTAssertEqual(result.status, 0, "\(group)/\(name): \(result.stderr)")
                count += 1
            }
        }
        XCTAssertEqual(count, 20, "7 shared + 6 extra + 7 modern recordings")
    }

    func testEveryProfileReadsAndRenders() throws {
        var files: [String] = []
        for group in Self.recordingFolders {
            let parent = Fixtures.folder.appendingPathComponent(group)
            for name in try FileManager.default.contentsOfDirectory(atPath: parent.path) {
                let pprof = parent.appendingPathComponent("\(name)/pprof")
                for file in (try? FileManager.default.contentsOfDirectory(atPath: pprof.path)) ?? [] {
                    files.append(pprof.appendingPathComponent(file).path)
                }
            }
        }
        for folder in ["pprof", "pprof/kinds"] {
            let parent = Fixtures.folder.appendingPathComponent(folder)
            for file in try FileManager.default.contentsOfDirectory(atPath: parent.path) where !file.hasPrefix(".") {
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: parent.appendingPathComponent(file).path, isDirectory: &isFolder), !isFolder.boolValue {
                    files.append(parent.appendingPathComponent(file).path)
                }
            }
        }
        files.sort()
        XCTAssertGreaterThan(files.count, 300)
        var kinds: [RecordedProfile.Kind: String] = [:]
        for path in files {
            let recorded = try RecordingProfiles.profile(at: path, label: (path as NSString).lastPathComponent)
            XCTAssertNotNil(ProfileSectionView.build(current: recorded, base: nil, sampleIndex: recorded.profile.defaultSampleTypeIndex), path)
            if kinds[recorded.kind] == nil { kinds[recorded.kind] = path }
        }
        XCTAssertEqual(Set(kinds.keys), [.heap, .goroutine, .goroutineLeak, .other])

        let scratch = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        for (kind, path) in kinds.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let top = try CommandRunner.run(["top", path])
            XCTAssertEqual(top.status, 0, "\(kind): \(top.stderr)")
            XCTAssertTrue(top.stdout.contains("flat%"), "\(kind): \(top.stdout)")
            let page = try CommandRunner.run(["profile", path, "-o", scratch.appendingPathComponent("\(kind.rawValue).html").path])
            XCTAssertEqual(page.status, 0, "\(kind): \(page.stderr)")
        }
    }
}
