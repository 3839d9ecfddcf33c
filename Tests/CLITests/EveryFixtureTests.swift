import Analysis
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
        XCTAssertEqual(count, 24, "7 shared + 6 extra + 11 modern recordings")
    }

    /// Every recording against the next (in a ring, so each is once the base and once
    /// the candidate): Go 1.19 against 1.27, MemStats against runtime/metrics, with and
    /// without RSS or profiles. Each pair is compared, a verdict written, and nothing traps.
    func testEveryRecordingComparesWithTheNext() throws {
        let scratch = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        var recordings: [String] = []
        for group in Self.recordingFolders {
            let parent = Fixtures.folder.appendingPathComponent(group)
            for name in try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted()
            where FileManager.default.fileExists(atPath: parent.appendingPathComponent("\(name)/pprof").path) {
                recordings.append(parent.appendingPathComponent(name).path)
            }
        }
        XCTAssertEqual(recordings.count, 24)
        for (k, base) in recordings.enumerated() {
            let candidate = recordings[(k + 1) % recordings.count]
            let json = scratch.appendingPathComponent("\(k).json").path
            let result = try CommandRunner.run(["compare", base, candidate, "-o", scratch.appendingPathComponent("\(k).html").path, "--json", json])
            XCTAssertEqual(result.status, 0, "\(base) → \(candidate): \(result.stderr)")
            let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any]
            let verdict = summary?["verdict"] as? String ?? ""
            XCTAssertTrue(verdict.hasPrefix("Candidate uses ") || verdict.hasPrefix("No significant change"), "\(base) → \(candidate): \(verdict)")
        }
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
        // Our own text and proto forms, panic and crash logs, and the real-profile corpus
        // (other people's programs: real-profiles/SOURCES.tsv).
        var folders = ["pprof", "pprof/kinds", "pprof/panics", "pprof/empty"]
        let corpus = Fixtures.folder.appendingPathComponent("real-profiles")
        folders += try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted()
            .filter { !$0.hasSuffix(".tsv") }.map { "real-profiles/\($0)" }
        for folder in folders {
            let parent = Fixtures.folder.appendingPathComponent(folder)
            for file in try FileManager.default.contentsOfDirectory(atPath: parent.path) where !file.hasPrefix(".") {
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: parent.appendingPathComponent(file).path, isDirectory: &isFolder), !isFolder.boolValue {
                    files.append(parent.appendingPathComponent(file).path)
                }
            }
        }
        files.sort()
        XCTAssertGreaterThan(files.count, 360)
        var kinds: [RecordedProfile.Kind: String] = [:]
        for path in files {
            let recorded = try RecordingProfiles.profile(at: path, label: (path as NSString).lastPathComponent)
            let analysis = try XCTUnwrap(ProfileAnalysis(current: recorded, base: nil, sampleIndex: recorded.profile.defaultSampleTypeIndex), path)
            XCTAssertEqual(ProfileSectionView.build(analysis).flameGraphSVG?.hasPrefix("<svg"), true, path)
            // What `top` prints, every sample type.
            for index in recorded.profile.sampleTypes.indices {
                let top = ProfileTop.compute(profile: recorded.profile, sampleIndex: index, granularity: .functions, nodeCount: 0)
                XCTAssertTrue(ProfileTopText.render(top, exact: true).contains("flat%"), path)
            }
            if kinds[recorded.kind] == nil { kinds[recorded.kind] = path }
        }
        XCTAssertEqual(Set(kinds.keys), [.heap, .goroutine, .goroutineLeak, .other])

        let scratch = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        // And one of each other input form through the commands: a crash log (CRLF, no
        // last line break), a legacy binary CPU profile, an uncompressed proto.
        let forms = ["pprof/panics/panic-windows-crlf-go119.txt", "real-profiles/google-pprof/profile__testdata__gobench.cpu",
                     "real-profiles/grafana-pyroscope/pkg__og__convert__pprof__testdata__heap.pb"]
        var runs = kinds.sorted(by: { $0.key.rawValue < $1.key.rawValue }).map { ($0.key.rawValue, $0.value) }
        runs += forms.map { (($0 as NSString).lastPathComponent, Fixtures.folder.appendingPathComponent($0).path) }
        for (kind, path) in runs {
            let top = try CommandRunner.run(["top", path])
            XCTAssertEqual(top.status, 0, "\(kind): \(top.stderr)")
            XCTAssertTrue(top.stdout.contains("flat%"), "\(kind): \(top.stdout)")
            let page = try CommandRunner.run(["profile", path, "-o", scratch.appendingPathComponent("\(kind).html").path])
            XCTAssertEqual(page.status, 0, "\(kind): \(page.stderr)")
        }
    }
}
