import Analysis
import Ingest
import MemoryModel
import TestSupport
import XCTest

final class GoroutineGroupsTests: XCTestCase {
    private func profile(_ recording: String, _ name: String) throws -> Profile {
        try ProfileReader.load(path: Fixtures.recording(recording) + "/pprof/" + name)
    }

    func testGroupsOfTheLeakingService() throws {
        let last = GoroutineGroups(profile: try profile("goroutineleak", "goroutine-20261128T073737712Z.pb.gz"))
        XCTAssertEqual(last.total, 30_241)
        let leak = last.groups[0]
        XCTAssertEqual(leak.count, 30_235)
        XCTAssertEqual(leak.blockingOperation, "chan receive")
        XCTAssertEqual(leak.owner, GoroutineFrame(function: "main.BarHandler.func1", file: "/tmp/gobuild/main.go", line: 70))
        XCTAssertEqual(leak.frames.map(\.function), ["runtime.gopark", "runtime.chanrecv", "runtime.chanrecv1", "main.BarHandler.func1"])
        XCTAssertEqual(last.groups.reduce(0) { $0 + $1.count }, last.total)
        XCTAssertTrue(last.groups.contains { $0.blockingOperation == "network wait" })
        XCTAssertTrue(last.groups.contains { $0.blockingOperation == "running (profiling)" && $0.count == 1 })
    }

    func testDiffReadsAsASentence() throws {
        let first = GoroutineGroups(profile: try profile("goroutineleak", "goroutine-20261128T073242610Z.pb.gz"))
        let last = GoroutineGroups(profile: try profile("goroutineleak", "goroutine-20261128T073737712Z.pb.gz"))
        let diff = GoroutineDiff(base: first, current: last)
        XCTAssertEqual(diff.totalBefore, 776)
        XCTAssertEqual(diff.totalAfter, 30_241)
        // 767 → 30,235 in the leaking group (pprof's -diff_base shows +29,468 cum for
        // main.BarHandler.func1; its +29,466 flat for runtime.gopark nets out other groups).
        XCTAssertEqual(diff.rows[0].before, 767)
        XCTAssertEqual(diff.rows[0].after, 30_235)
        XCTAssertEqual(diff.rows[0].sentence, "+29,468 goroutines in main.BarHandler.func1, blocked on chan receive at main.go:70")
        XCTAssertEqual(diff.rows.reduce(0) { $0 + $1.delta }, 30_241 - 776)
    }

    func testClassification() {
        XCTAssertEqual(BlockingOperation.classify(["runtime.gopark", "runtime.selectgo", "main.loop"]), "select")
        XCTAssertEqual(BlockingOperation.classify(["runtime.gopark", "runtime.goparkunlock", "runtime.semacquire1",
                                                   "sync.runtime_SemacquireMutex", "sync.(*Mutex).lockSlow"]), "mutex")
        XCTAssertEqual(BlockingOperation.classify(["runtime.gopark", "time.Sleep", "main.tick"]), "sleep")
        XCTAssertEqual(BlockingOperation.classify(["runtime.gopark", "sync.runtime_Semacquire", "sync.(*WaitGroup).Wait"]), "WaitGroup wait")
        XCTAssertEqual(BlockingOperation.classify(["runtime.gopark", "sync.runtime_Semacquire", "main.custom"]), "semaphore")
        XCTAssertNil(BlockingOperation.classify(["main.spin"]))
    }
}
