import Ingest
import MemoryModel
import TestSupport
import XCTest

final class RecordingProfilesTests: XCTestCase {
    private let pprof = Fixtures.recording("goroutineleak") + "/pprof"

    private func select(_ names: [String]) throws -> ProfileSet {
        try RecordingProfiles.select(names: names) { name in
            let path = self.pprof + "/" + name
            return (path, Fixtures.bytes(path))
        }
    }

    /// Of the forms taken at one moment, a debug=2 dump is preferred for goroutines.
    func testTheDumpIsPreferredWhenBothEndsHaveOne() throws {
        let set = try select([
            "goroutine-20261128T073242610Z.debug2.txt", "goroutine-20261128T073242610Z.pb.gz",
            "goroutine-20261128T073737712Z.debug2.txt", "goroutine-20261128T073737712Z.pb.gz",
        ])
        XCTAssertEqual(set.goroutineBase?.file, "pprof/goroutine-20261128T073242610Z.debug2.txt")
        XCTAssertEqual(set.goroutine?.file, "pprof/goroutine-20261128T073737712Z.debug2.txt")
    }

    /// When the last dump was skipped (too many goroutines for the recorder's cap), both
    /// ends are read as protos, so the diff compares like with like.
    func testBothEndsShareAFormWhenTheLastDumpIsMissing() throws {
        let set = try select([
            "goroutine-20261128T073242610Z.debug2.txt", "goroutine-20261128T073242610Z.pb.gz",
            "goroutine-20261128T073737712Z.pb.gz",
        ])
        XCTAssertEqual(set.goroutineBase?.file, "pprof/goroutine-20261128T073242610Z.pb.gz")
        XCTAssertEqual(set.goroutine?.file, "pprof/goroutine-20261128T073737712Z.pb.gz")
    }
}
