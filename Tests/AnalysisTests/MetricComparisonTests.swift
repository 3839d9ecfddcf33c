@testable import Analysis
import MemoryModel
import XCTest

/// `MannWhitneyTest` against SciPy 1.17's `mannwhitneyu(a, b, alternative="two-sided",
/// method="asymptotic", use_continuity=True)` (the same normal approximation with the tie
/// and continuity corrections), and `SteadyLevel`/`MetricComparison`'s floors.
final class MetricComparisonTests: XCTestCase {
    func testMannWhitneyAgreesWithSciPy() throws {
        let cases: [(String, [Double], [Double], u: Double, p: Double)] = [
            ("shift", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [6, 7, 8, 9, 10, 11, 12, 13, 14, 15], 12.5, 0.005075392315273923),
            ("ties", [1, 1, 2, 2, 3, 3, 4, 4], [2, 3, 3, 4, 4, 5, 5, 6], 13, 0.04757643517835389),
            ("all tied", [5, 5, 5, 5], [5, 5, 5], 6, 1),
            ("unequal sizes", [10.5, 11.2, 9.8, 10.1, 10.9, 11.5, 10.0], [12.1, 11.9, 12.5, 13.0, 12.2, 11.8, 12.9, 12.4, 12.0], 0, 0.0010329755096068162),
        ]
        for (name, a, b, u, p) in cases {
            let test = try XCTUnwrap(MannWhitneyTest(a, b), name)
            XCTAssertEqual(test.u, u, name)
            XCTAssertEqual(test.pValue, p, accuracy: 1e-12, name)
        }
        XCTAssertNil(MannWhitneyTest([1, 2], [3, 4, 5]), "too few values")
        XCTAssertNil(MannWhitneyTest([1, .nan, .infinity], [3, 4, 5]), "non-finite values do not count")
    }

    /// The second half of the window, its quartiles (type 7, as numpy), and two pods pooled.
    func testSteadyLevelIsTheSecondHalf() throws {
        let times = (0..<10).map(Double.init), values: [Double] = [100, 90, 80, 70, 60, 5, 1, 4, 2, 3]
        let level = try XCTUnwrap(SteadyLevel(times: times, values: values))
        XCTAssertEqual(level.values, [5, 1, 4, 2, 3], "from the middle time (4.5) on: t = 5…9, the warm-up left out")
        XCTAssertEqual(level.median, 3)
        XCTAssertEqual(level.lowerQuartile, 2)
        XCTAssertEqual(level.upperQuartile, 4)
        let other = try XCTUnwrap(SteadyLevel(times: times, values: values.map { $0 + 10 }))
        let pooled = try XCTUnwrap(SteadyLevel(pooling: [level, other]))
        XCTAssertEqual(pooled.values, [5, 1, 4, 2, 3, 15, 11, 14, 12, 13])
        XCTAssertEqual(pooled.median, 8, "(5 + 11) / 2: the pods' spread is in the level")
        XCTAssertNil(SteadyLevel(times: [0, 1, 2], values: [1, 2, 3]), "2 values in the second half")
    }

    /// Two pods drawn as one: their mean at each of the first's times, so the categories
    /// still add up to Go memory; a time only one pod has is that pod's value.
    func testPooledMeanKeepsTheCategoriesAdding() throws {
        func pod(_ name: String, _ times: [Double], _ scale: Double, rss: Double?) -> MemoryBreakdown {
            var categories = [MemoryCategory: [Double]]()
            for (k, category) in MemoryCategory.allCases.enumerated() { categories[category] = times.map { _ in Double(k + 1) * scale } }
            let total = Double((1...MemoryCategory.allCases.count).reduce(0, +)) * scale
            return MemoryBreakdown(instance: InstanceID(job: "shop", instance: name), scheme: .runtimeMetrics, timestamps: times, categories: categories,
                                   goMemory: times.map { _ in total }, heapReleased: times.map { _ in 0 }, rss: times.map { _ in rss })
        }
        let a = pod("a", [0, 10, 20], 100, rss: 5000), b = pod("b", [0, 10], 300, rss: nil)
        let pooled = try XCTUnwrap(MemoryBreakdown.pooledMean([a, b], instance: InstanceID(job: "shop", instance: "2 instances")))
        XCTAssertEqual(pooled.timestamps, [0, 10, 20])
        XCTAssertEqual(pooled.goMemory, [7200, 7200, 3600], "(3600 + 10800) / 2, then a alone")
        for index in pooled.timestamps.indices {
            XCTAssertEqual(MemoryCategory.allCases.reduce(0) { $0 + pooled.value($1, at: index) }, pooled.goMemory[index])
        }
        XCTAssertEqual(pooled.rss, [5000, 5000, 5000], "the mean of the pods with RSS")
        XCTAssertNil(MemoryBreakdown.pooledMean([a], instance: a.instance))
    }

    /// A real difference under a floor is no change: 5% of the base, 1 MiB for bytes, half
    /// a point for a CPU share.
    func testFloors() throws {
        func level(_ value: Double, jitter: Double) -> SteadyLevel {
            SteadyLevel(times: (0..<40).map(Double.init), values: (0..<40).map { value + jitter * Double($0 % 4) })!
        }
        let mib = 1_048_576.0
        let base = level(10 * mib, jitter: 1024)
        XCTAssertEqual(MetricComparison(metric: .goMemory, base: base, candidate: level(10.4 * mib, jitter: 1024)).verdict, .noSignificantChange,
                       "+0.4 MiB: p is tiny, but under the 1 MiB floor")
        XCTAssertEqual(MetricComparison(metric: .goMemory, base: base, candidate: level(12 * mib, jitter: 1024)).verdict, .increased)
        let cpu = level(0.0012, jitter: 0.00001)
        XCTAssertEqual(MetricComparison(metric: .gcCPU, base: cpu, candidate: level(0.0017, jitter: 0.00001)).verdict, .noSignificantChange)
        XCTAssertEqual(MetricComparison(metric: .gcCPU, base: cpu, candidate: level(0.02, jitter: 0.00001)).verdict, .increased)
        let goroutines = level(100, jitter: 0)
        XCTAssertEqual(MetricComparison(metric: .goroutines, base: goroutines, candidate: level(104, jitter: 0)).verdict, .noSignificantChange, "4%: under 5%")
        XCTAssertEqual(MetricComparison(metric: .goroutines, base: goroutines, candidate: level(106, jitter: 0)).verdict, .increased)
        let aboveRSS = MetricComparison(metric: .nonGo, base: base, candidate: level(-3 * mib, jitter: 0), goMemoryAboveRSS: (false, true))
        XCTAssertEqual(aboveRSS.verdict, .notCompared)
        XCTAssertTrue(aboveRSS.goMemoryAboveRSSInCandidate)
    }
}
