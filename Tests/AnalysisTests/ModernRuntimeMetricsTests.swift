import Analysis
import Ingest
import MemoryModel
import TestSupport
import XCTest

/// What Go 1.20+ and 1.26+ runtime/metrics add, on the Go 1.27 recordings of
/// Tests/Fixtures/recordings-modern, with figures read off their scrape files; and what
/// a report says when a metric is missing (`MissingMetricCause`).
final class ModernRuntimeMetricsTests: XCTestCase {
    private func instance(_ name: String) throws -> (InstanceSeries, start: Double, end: Double) {
        let recording = try RecordingFolder.load(path: ModernGoFindingsTests.path(name))
        let instance = try XCTUnwrap(recording.instances.first)
        let times = instance.series.flatMap(\.timestamps)
        return (instance, try XCTUnwrap(times.min()), try XCTUnwrap(times.max()))
    }

    func testGCCPUShareIsTheWindowsIncreaseOfBothCounters() throws {
        // First and last scrape of go1.27-batch-spikes: go_cpu_classes_gc_total rose by
        // 0.610158878 s, go_cpu_classes_total by 606.921189278 s (GOMAXPROCS × wall time).
        let (spiky, start, end) = try instance("go1.27-batch-spikes")
        let share = try XCTUnwrap(GCCPUShare(instance: spiky, from: start, to: end))
        XCTAssertEqual(share.gcSeconds, 0.610158878, accuracy: 1e-6)
        XCTAssertEqual(share.share, 0.610158878 / 606.921189278, accuracy: 1e-9)
        // A window of one sample has no increase.
        XCTAssertNil(GCCPUShare(instance: spiky, from: start, to: start))
        // Go 1.19 has no /cpu/classes.
        let old = try XCTUnwrap(try RecordingFolder.load(path: Fixtures.recording("heapleak")).instances.first)
        XCTAssertNil(GCCPUShare(instance: old, from: 0, to: .infinity))
    }

    func testGCPressureUsesTheWindowShareOnGo127() throws {
        let gc = try XCTUnwrap(try ModernGoFindingsTests.findings("go1.27-batch-spikes").first { $0.kind == .gcPressure })
        XCTAssertEqual(gc.fact("gc_cpu_source"), "runtime/metrics")
        XCTAssertEqual(try XCTUnwrap(gc.number("gc_cpu_fraction")), 0.001, accuracy: 0.0001)
        XCTAssertEqual(try XCTUnwrap(gc.number("gc_cpu_seconds")), 0.61, accuracy: 0.001)
    }

    func testSchedulerStatesShowTheLeakAsWaitingGoroutinesThatOnlyGrow() throws {
        // go_sched_goroutines_waiting_goroutines: 318 in the first scrape, 9314 in the last.
        let (leaking, start, end) = try instance("go1.27-goroutine-leak")
        let states = try XCTUnwrap(GoroutineSchedulerStates(instance: leaking, from: start, to: end))
        XCTAssertEqual(states.first[.waiting], 318)
        XCTAssertEqual(states.last[.waiting], 9314)
        XCTAssertEqual(states.last[.runnable], 4)
        XCTAssertEqual(states.last[.running], 1)
        XCTAssertEqual(states.last[.notInGo], 1)
        XCTAssertTrue(states.waitingOnlyGrew)
        let created = try XCTUnwrap(states.created)
        XCTAssertGreaterThan(created, 9000)
        // Steady: 11 waiting at the start and at the end, wobbling between 10 and 14.
        let (steady, steadyStart, steadyEnd) = try instance("go1.27-steady")
        let level = try XCTUnwrap(GoroutineSchedulerStates(instance: steady, from: steadyStart, to: steadyEnd))
        XCTAssertEqual(level.first[.waiting], 11)
        XCTAssertFalse(level.waitingOnlyGrew)
        // The finding carries the split.
        let leak = try XCTUnwrap(try ModernGoFindingsTests.findings("go1.27-goroutine-leak").first { $0.kind == .goroutineLeak })
        XCTAssertEqual(leak.number("waiting_goroutines_end"), 9314)
        XCTAssertEqual(leak.fact("waiting_only_grew"), "yes")
    }

    func testMissingMetricCauseTellsAnOldGoFromACollectorOption() {
        XCTAssertEqual(MissingMetricCause(goVersion: "go1.19.8", addedInMinor: 21), .goTooOld(version: "go1.19.8"))
        XCTAssertEqual(MissingMetricCause(goVersion: "go1.22.10", addedInMinor: 21), .collectorOptionNotEnabled(version: "go1.22.10"))
        XCTAssertEqual(MissingMetricCause(goVersion: "go1.26rc1", addedInMinor: 26), .collectorOptionNotEnabled(version: "go1.26rc1"))
        XCTAssertEqual(MissingMetricCause(goVersion: "go1.22.10", addedInMinor: 26), .goTooOld(version: "go1.22.10"))
        XCTAssertEqual(MissingMetricCause(goVersion: "devel +abc", addedInMinor: 21), .unknown)
        XCTAssertEqual(MissingMetricCause(goVersion: nil, addedInMinor: 21), .unknown)
    }
}
