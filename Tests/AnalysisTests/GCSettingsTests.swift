import Analysis
import Ingest
import MemoryModel
import TestSupport
import XCTest

/// GOGC and GOMEMLIMIT as client_golang exports them, including the two "off" values
/// that are too large for an integer.
final class GCSettingsTests: XCTestCase {
    private func series(_ name: String, _ values: [Double]) -> MetricSeries {
        MetricSeries(name: name, labels: [:], timestamps: values.indices.map(Double.init), values: values, origin: SeriesOrigin(file: "test", location: "1"))
    }

    func testOffAndNoLimitAsGo127ExportsThem() {
        // Read off Tests/Fixtures/recordings-modern/go1.27-memlimit-held and -steady.
        let off = GCSettings(gogcSeries: series("go_gc_gogc_percent", [1.8446744073709552e+19]),
                             memoryLimitSeries: series("go_gc_gomemlimit_bytes", [1.00663296e+08]))
        XCTAssertEqual(off.gogc, .off)
        XCTAssertEqual(off.memoryLimit, .bytes(100_663_296))
        XCTAssertNil(off.effectiveGOGC)
        XCTAssertEqual(off.limitBytes, 100_663_296)
        XCTAssertEqual(off.gogcText, "GOGC=off")

        let defaults = GCSettings(gogcSeries: series("go_gc_gogc_percent", [100]),
                                  memoryLimitSeries: series("go_gc_gomemlimit_bytes", [9.223372036854776e+18]))
        XCTAssertEqual(defaults.gogc, .percent(100))
        XCTAssertEqual(defaults.memoryLimit, .none)
        XCTAssertNil(defaults.limitBytes)
        XCTAssertEqual(defaults.gogcText, "GOGC=100")
    }

    func testMinusOneIsOffAndTheLastFiniteValueWins() {
        let settings = GCSettings(gogcSeries: series("go_gc_gogc_percent", [100, 50, -1, .nan]), memoryLimitSeries: nil)
        XCTAssertEqual(settings.gogc, .off)
        XCTAssertEqual(settings.memoryLimit, .unknown)
        XCTAssertEqual(GCSettings(gogcSeries: series("go_gc_gogc_percent", [-1, 150]), memoryLimitSeries: nil).gogc, .percent(150))
    }

    func testUnrecordedIsAssumedDefault() {
        let settings = GCSettings(gogcSeries: nil, memoryLimitSeries: nil)
        XCTAssertEqual(settings.effectiveGOGC, 100)
        XCTAssertEqual(settings.gogcText, "GOGC=100 (assumed)")
        XCTAssertEqual(GCSettings.number(1.8446744073709552e+19), "1.8446744073709552e+19", "never an Int conversion")
        XCTAssertEqual(GCSettings.number(75), "75")
    }

    /// The recording that made `report` trap: GOGC=off with GOMEMLIMIT=96MiB.
    func testHeapGoalUnderGOGCOffIsTheMemoryLimit() throws {
        let path = Fixtures.folder.appendingPathComponent("recordings-modern/go1.27-memlimit-held").path
        let recording = try RecordingFolder.load(path: path)
        let instance = recording.instances[0]
        let settings = GCSettings(instance: instance)
        XCTAssertEqual(settings, GCSettings(gogc: .off, memoryLimit: .bytes(100_663_296)))
        let heap = try XCTUnwrap(recording.profiles.heap)
        let breakdown = try MemoryBreakdown.compute(from: instance, file: path)
        let comparison = try XCTUnwrap(HeapGoalComparison(profile: heap, breakdown: breakdown, settings: settings))
        XCTAssertEqual(comparison.heapGoal, 100_663_296)
        XCTAssertGreaterThan(comparison.profileInuse, 0)
        // The heap is held near the limit, not near twice the live heap.
        let total = try XCTUnwrap(comparison.heapTotal)
        XCTAssertGreaterThan(total, 0.6 * 100_663_296)
        XCTAssertLessThan(total, 1.1 * 100_663_296)
    }
}
