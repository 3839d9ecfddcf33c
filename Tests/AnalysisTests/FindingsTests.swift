import Analysis
import Ingest
import MemoryModel
import TestSupport
import XCTest

/// The findings engine on the seven shared recordings: each gets, at warning or
/// critical, exactly what the recordings' README says a correct report concludes.
final class FindingsTests: XCTestCase {
    static func findings(_ path: String) throws -> [Finding] {
        let recording = try RecordingFolder.load(path: path)
        let instance = recording.instances[0]
        let breakdown = try MemoryBreakdown.compute(from: instance, file: path)
        return FindingsEngine().findings(breakdown: breakdown, instance: instance, profiles: recording.profiles)
    }

    /// Warning and critical finding ids, sorted.
    private func serious(_ name: String) throws -> [String] {
        try Self.findings(Fixtures.recording(name)).filter { $0.severity != .info }.map(\.kind.rawValue).sorted()
    }

    func testEachRecordingGetsWhatItsReadmeConcludes() throws {
        XCTAssertEqual(try serious("heapleak"), ["heap-leak"])
        XCTAssertEqual(try serious("goroutineleak"), ["goroutine-leak"])
        XCTAssertEqual(try serious("steady"), [])
        XCTAssertEqual(try serious("spiky").filter { $0 != "near-memory-limit" }, ["spiky-heap"])
        XCTAssertEqual(try serious("mmap"), ["non-go-growth", "non-go-memory"])
        XCTAssertEqual(try serious("virtual"), ["virtual-exceeds-rss"])
        XCTAssertEqual(try serious("mixed"), ["goroutine-leak", "heap-leak"])
    }

    /// Six more recordings made here of Go programs of known behaviour, which the
    /// thresholds were not tuned on (Tests/Fixtures/recordings-extra/README.md).
    func testRecordingsTheEngineWasNotTunedOn() throws {
        func extra(_ name: String) throws -> [Finding] {
            try Self.findings(Fixtures.folder.appendingPathComponent("recordings-extra/\(name)").path)
        }
        func serious(_ name: String) throws -> [String] {
            try extra(name).filter { $0.severity != .info }.map(\.kind.rawValue).sorted()
        }
        XCTAssertEqual(try serious("slowleak-churn"), ["heap-leak"])
        XCTAssertEqual(try extra("slowleak-churn").first { $0.kind == .heapLeak }?.attribution.first?.function, "main.(*sessionCache).Remember")
        XCTAssertEqual(try serious("cache-warmup"), [])
        XCTAssertEqual(try extra("cache-warmup").map(\.kind), [.heapWarmUp])
        XCTAssertEqual(try serious("gogc400-churn"), [])
        XCTAssertEqual(try serious("steady-idle"), [])
        XCTAssertEqual(try serious("worker-leak"), ["goroutine-leak"])
        let workers = try XCTUnwrap(try extra("worker-leak").first { $0.kind == .goroutineLeak })
        XCTAssertEqual(workers.attribution.first?.function, "main.(*Dispatcher).process")
        XCTAssertEqual(workers.attribution.first?.line, 63)
        XCTAssertEqual(try serious("cgo-free-nongo"), ["non-go-growth", "non-go-memory"])
    }

    func testHeapLeakIsAttributedToFooHandler() throws {
        for name in ["heapleak", "mixed"] {
            let leak = try XCTUnwrap(try Self.findings(Fixtures.recording(name)).first { $0.kind == .heapLeak }, name)
            XCTAssertEqual(leak.attribution.first?.function, "main.FooHandler", name)
            XCTAssertEqual(leak.attribution.first?.line, 45, name)
            XCTAssertGreaterThanOrEqual(leak.confidence, 0.99, name)
        }
        let leak = try XCTUnwrap(try Self.findings(Fixtures.recording("heapleak")).first { $0.kind == .heapLeak })
        // The heap goal ÷ 2 rises from about 2 MB to 53 MB over the five minutes.
        XCTAssertEqual(leak.number("growth_bytes")!, 51_265_396, accuracy: 1)
        XCTAssertEqual(leak.severity, .critical)
        XCTAssertEqual(leak.fact("live_heap_source"), "go_gc_heap_goal_bytes ÷ (1 + GOGC/100), GOGC=100 assumed")
        // From the heap profile diff: +47,059,296 bytes at main.go:45.
        XCTAssertEqual(leak.attribution.first?.delta, 47_059_296)
    }

    func testGoroutineLeakExplainsItsHeapGrowth() throws {
        let found = try Self.findings(Fixtures.recording("goroutineleak"))
        XCTAssertFalse(found.contains { $0.kind == .heapLeak })
        let leak = try XCTUnwrap(found.first { $0.kind == .goroutineLeak })
        XCTAssertEqual(leak.attribution.first, Finding.Attribution(function: "main.BarHandler.func1", file: "/tmp/gobuild/main.go", line: 70,
                                                                  delta: 29_481, detail: "chan receive (nil chan)"))
        XCTAssertEqual(leak.number("goroutines_start"), 863)
        XCTAssertEqual(leak.number("goroutines_end"), 30_223)
        XCTAssertEqual(leak.number("heap_growth_explained_share")!, 0.917, accuracy: 0.001)
        // In mixed, the goroutine leak explains little of the heap growth: both are raised.
        let mixed = try Self.findings(Fixtures.recording("mixed"))
        XCTAssertEqual(mixed.first { $0.kind == .goroutineLeak }?.attribution.first?.function, "main.BarHandler.func1")
        XCTAssertNil(mixed.first { $0.kind == .goroutineLeak }?.number("heap_growth_explained_share"))
    }

    func testVirtualHasTooFewGCCyclesForAHeapVerdict() throws {
        let found = try Self.findings(Fixtures.recording("virtual"))
        let data = try XCTUnwrap(found.first { $0.kind == .insufficientData })
        XCTAssertEqual(data.number("gc_cycles"), 2)
        XCTAssertEqual(data.severity, .info)
        XCTAssertFalse(found.contains { $0.kind == .heapLeak || $0.kind == .nonGoGrowth })
        let virtual = try XCTUnwrap(found.first { $0.kind == .virtualExceedsRSS })
        XCTAssertEqual(virtual.number("go_to_rss_ratio"), 2.43)
    }

    func testSpikesGetADataDerivedSoftLimit() throws {
        let spikes = try XCTUnwrap(try Self.findings(Fixtures.recording("spiky")).first { $0.kind == .spikyHeap })
        // Every 20 s for 2 s: 13 peaks seen in the 5-minute window.
        XCTAssertEqual(spikes.number("peak_count"), 13)
        XCTAssertEqual(spikes.number("peak_bytes"), 385_103_152)
        // 1.25 × the largest live heap (the goal ÷ 2 during a spike) plus Go memory outside
        // the heap, in 16 MiB steps: 272 MiB, below the peaks' 394 MiB of Go memory.
        XCTAssertEqual(spikes.number("suggested_gomemlimit_bytes"), 272 * 1024 * 1024)
    }

    func testMmapNonGoMemory() throws {
        let found = try Self.findings(Fixtures.recording("mmap"))
        let memory = try XCTUnwrap(found.first { $0.kind == .nonGoMemory })
        XCTAssertGreaterThan(memory.number("non_go_share")!, 0.95)
        let growth = try XCTUnwrap(found.first { $0.kind == .nonGoGrowth })
        // 4 MiB a second: about 14 GB an hour.
        XCTAssertEqual(growth.number("rate_bytes_per_hour")! / 3600 / 1024 / 1024, 4, accuracy: 0.2)
    }

    func testOrderIsBySeverityThenBytes() throws {
        let found = try Self.findings(Fixtures.recording("mixed"))
        XCTAssertEqual(found.map(\.kind.rawValue), ["heap-leak", "goroutine-leak", "gc-pressure"])
        XCTAssertEqual(found.map(\.severity), [.critical, .warning, .info])
    }

    func testTrendStatistics() throws {
        // A clean line: slope exact, confidence near 1; its mirror near 0; noise near 0.5.
        let times = (0..<200).map(Double.init)
        let up = try XCTUnwrap(Trend(times: times, values: times.map { 3 * $0 + 7 }))
        XCTAssertEqual(up.slope, 3, accuracy: 1e-12)
        XCTAssertEqual(up.fittedStart, 7, accuracy: 1e-9)
        XCTAssertGreaterThan(up.confidence, 0.999_999)
        let down = try XCTUnwrap(Trend(times: times, values: times.map { -$0 }))
        XCTAssertLessThan(down.confidence, 1e-6)
        let flat = try XCTUnwrap(Trend(times: times, values: times.map { Double(Int($0) * 7919 % 101) }))
        XCTAssertGreaterThan(flat.confidence, 0.05)
        XCTAssertLessThan(flat.confidence, 0.95)
        // A single spike moves neither the slope nor the test much.
        var spiked = times.map { 3 * $0 + 7 }
        spiked[100] = 1e12
        XCTAssertEqual(try XCTUnwrap(Trend(times: times, values: spiked)).slope, 3, accuracy: 1e-9)
        XCTAssertNil(Trend(times: [1, 2], values: [1, 2]))
    }
}
