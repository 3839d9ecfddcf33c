import Analysis
import Ingest
import MemoryModel
import TestSupport
import XCTest

/// Restarts, counter resets, the heap/unused underflow, legacy names and what a Go 1.19
/// exporter lacks, on real series (the derived fixtures splice or alter them; see
/// Tests/Fixtures/make-derived.py).
final class SeriesHygieneTests: XCTestCase {
    private func breakdown(_ path: String) throws -> MemoryBreakdown {
        let recording = try RecordingFolder.load(path: path)
        return try MemoryBreakdown.compute(from: recording.instances[0], file: path)
    }

    func testCounterIncreaseTreatsAFallAsAReset() {
        let counter = CounterIncrease(values: [10, 15, .nan, 20, 3, 8, 8])
        // 5 + 5 (across the NaN) + 3 (the reset counts from zero) + 5 + 0.
        XCTAssertEqual(counter.increase, 18)
        XCTAssertEqual(counter.resets, [CounterIncrease.Reset(before: 3, after: 4)])
        XCTAssertEqual(CounterIncrease(values: [1, 2, 3]).resets, [])
    }

    func testRestartFoundFromStartTimeAndCounterFall() throws {
        // heapleak's first 74 samples, then steady's first 74, whose process started at
        // 1795851312.588; the GC cycle counter falls from 111 to 37 at the same moment.
        let b = try breakdown(Fixtures.derived("restart.json"))
        XCTAssertEqual(b.restarts, [Restart(time: 1795851312.588, evidence: .startTimeChanged(from: 1795851154.66, to: 1795851312.588))])
        // 111 − 16 before, 37 after the reset, then steady's own growth: the sum of
        // positive steps and the value after the fall, computed by hand in Python.
        XCTAssertEqual(b.gcCycles, 1013)
        XCTAssertEqual(b.count, 148)
    }

    func testCounterFallAloneIsARestart() throws {
        let recording = try RecordingFolder.load(path: Fixtures.derived("restart.json"))
        var instance = recording.instances[0]
        instance.series.removeAll { $0.name == "process_start_time_seconds" }
        let b = try MemoryBreakdown.compute(from: instance, file: "restart.json")
        XCTAssertEqual(b.restarts, [Restart(time: 1795851321.548,
                                            evidence: .counterFell(name: "go_gc_cycles_total_gc_cycles_total", from: 111, to: 37))])
    }

    func testNoRestartInARealRecording() throws {
        for name in ["heapleak", "steady", "spiky"] {
            let b = try breakdown(Fixtures.recording(name))
            XCTAssertEqual(b.restarts, [], name)
        }
        // heapleak's GC cycle counter goes from 16 to 133 over the window.
        XCTAssertEqual(try breakdown(Fixtures.recording("heapleak")).gcCycles, 117)
    }

    func testUnderflowedSamplesAreLeftOutWithANote() throws {
        // heap_unused is 18446744073709543000 at values[30...32].
        let b = try breakdown(Fixtures.derived("heap-unused-underflow.json"))
        let clean = try breakdown(Fixtures.recording("heapleak"))
        XCTAssertEqual(b.count, clean.count - 3)
        XCTAssertFalse(b.timestamps.contains(clean.timestamps[31]))
        XCTAssertEqual(b.notes.first, .underflow(series: ["go_memory_classes_heap_unused_bytes"], samples: 3, firstTime: clean.timestamps[30]))
        XCTAssertEqual(b.goMemory.max(), clean.goMemory.max())
        for (index, time) in b.timestamps.enumerated() {
            let sum = MemoryCategory.allCases.reduce(0.0) { $0 + b.value($1, at: index) }
            XCTAssertEqual(sum, b.goMemory[index], "\(time)")
        }
    }

    func testGo119ExporterLacksGCSettingsAndLiveHeap() throws {
        let b = try breakdown(Fixtures.recording("heapleak"))
        XCTAssertEqual(b.goVersion, "go1.19.8")
        XCTAssertEqual(b.notes, [
            .noGCSettings(missing: ["go_gc_gogc_percent", "go_gc_gomemlimit_bytes"], goVersion: "go1.19.8"),
            .noLiveHeap(goVersion: "go1.19.8"),
            // heapleak's recording has no expvar, so nothing stands in for /cpu/classes/gc.
            .noGCCPU(goVersion: "go1.19.8", hasExpvar: false),
            .noSchedulerStates(goVersion: "go1.19.8"),
        ])
        // Go 1.27 with MetricsAll: only that the live heap was measured.
        let modern = try breakdown(ModernGoFindingsTests.path("go1.27-steady"))
        XCTAssertEqual(modern.notes, [.liveHeapMeasured])
        let memStats = try breakdown(Fixtures.derived("heapleak-memstats-only.json"))
        XCTAssertEqual(memStats.notes.first, .memStatsFallback)
        let noRSS = try breakdown(Fixtures.derived("heapleak-no-rss.json"))
        XCTAssertTrue(noRSS.notes.contains(.noRSS))
    }

    func testLegacyHeapReleasedNameIsReadAsTodays() throws {
        let path = Fixtures.derived("heapleak-memstats-only.json")
        let recording = try RecordingFolder.load(path: path)
        var instance = recording.instances[0]
        let index = try XCTUnwrap(instance.series.firstIndex { $0.name == "go_memstats_heap_released_bytes" })
        instance.series[index].name = "go_memstats_heap_released_bytes_total"
        let legacy = try MemoryBreakdown.compute(from: instance, file: path)
        let today = try MemoryBreakdown.compute(from: recording.instances[0], file: path)
        XCTAssertEqual(legacy.goMemory, today.goMemory)
        XCTAssertEqual(legacy.notes.first, .legacyName(current: "go_memstats_heap_released_bytes", legacy: "go_memstats_heap_released_bytes_total"))
    }

    func testExpvarPausesAndCommandLine() throws {
        let folder = Fixtures.recording("heapleak") + "/expvar"
        let series = try SnapshotFolder.load(.expvar, in: folder, job: "heapleak")
        let b = try MemoryBreakdown.compute(from: InstanceSeries(id: InstanceID(job: "heapleak", instance: ""), series: series), file: folder)
        // 59 snapshots; the pauses that ended between the first and the last, each once
        // (counted in Python from PauseNs/PauseEnd): 116, as NumGC goes from 16 to 132.
        let pauses = try XCTUnwrap(b.gcPauses)
        XCTAssertEqual(pauses.count, 116)
        XCTAssertEqual(pauses.total, 0.026130891, accuracy: 1e-12)
        XCTAssertEqual(pauses.longest, 0.00275562, accuracy: 1e-12)
        XCTAssertEqual(b.gcCycles, 116)
        XCTAssertEqual(b.restarts, [])
        let cmdline = try XCTUnwrap(series.first { $0.name == "expvar_cmdline_info" })
        XCTAssertEqual(cmdline.labels["cmdline"], "/tmp/scenario -mode heapleak -rate 60")
        XCTAssertEqual(cmdline.timestamps.count, 59)
    }

    func testChangedCommandLineIsARestart() throws {
        let folder = Fixtures.recording("heapleak") + "/expvar"
        var series = try SnapshotFolder.load(.expvar, in: folder, job: "heapleak")
        let index = try XCTUnwrap(series.firstIndex { $0.name == "expvar_cmdline_info" })
        var later = series[index]
        let split = 40
        later.labels["cmdline"] = "/tmp/scenario -mode heapleak -rate 30"
        later.timestamps = Array(series[index].timestamps[split...])
        later.values = Array(series[index].values[split...])
        series[index].timestamps = Array(series[index].timestamps[..<split])
        series[index].values = Array(series[index].values[..<split])
        series.append(later)
        let restarts = RestartDetection.restarts(in: InstanceSeries(id: InstanceID(job: "heapleak", instance: ""), series: series))
        XCTAssertEqual(restarts, [Restart(time: later.timestamps[0], evidence: .commandLineChanged(to: "/tmp/scenario -mode heapleak -rate 30"))])
    }
}
