import MemoryModel

/// One figure of one instance, base against candidate, at steady state.
///
/// The test: a change is beyond noise when the Mann–Whitney U test rejects "one
/// distribution" at `significanceLevel` **and** the medians differ by more than the
/// larger of half the larger interquartile range of the two sides, `relativeFloor` of
/// the base, and `bytesFloor` for memory. The spread absorbs what the test cannot:
/// samples of a series follow each other (a GC sawtooth), so p alone would call two
/// runs of one build different. The floors absorb what neither can: two processes of
/// one build settle a few hundred KiB apart (allocator layout), a real difference
/// nobody would act on (measured: go1.27-steady and its rerun, 328 KiB, 3%).
public struct MetricComparison: Sendable, Equatable {
    public static let significanceLevel = 0.01
    /// A change smaller than this share of the base is no change.
    public static let relativeFloor = 0.05
    /// A memory change smaller than this is no change.
    public static let bytesFloor = 1_048_576.0
    /// A change of a CPU share smaller than this (half a percentage point) is no change.
    public static let shareFloor = 0.005

    public enum Verdict: String, Sendable, Equatable {
        case increased, decreased
        case noSignificantChange = "no-significant-change"
        /// A side lacks the series (or has too few values in its second half), or its
        /// figure means nothing there (`goMemoryAboveRSS`).
        case notCompared = "not-compared"
    }

    /// Non-Go memory (RSS − Go memory) of a side whose Go memory is far above its RSS
    /// (`Reconciliation`'s rule, on the steady-state medians): memory the runtime reserved
    /// but never touched, so RSS − Go says nothing about cgo or mmap there.
    public let goMemoryAboveRSSInBase: Bool
    public let goMemoryAboveRSSInCandidate: Bool

    public let metric: ComparedMetric
    public let base: SteadyLevel?
    public let candidate: SteadyLevel?
    public let test: MannWhitneyTest?
    public let verdict: Verdict
    /// The smallest change that counts (spread and floors); nil when not compared.
    public let floor: Double?

    /// candidate − base of the medians; nil when not compared.
    public var change: Double? {
        guard let base, let candidate else { return nil }
        return candidate.median - base.median
    }

    /// The change as a fraction of the base; nil when not compared or the base is 0.
    public var relativeChange: Double? {
        guard let change, let base, base.median != 0 else { return nil }
        return change / abs(base.median)
    }

    /// `goMemoryAboveRSS` applies to `.nonGo` only: those sides are not compared.
    public init(metric: ComparedMetric, base: SteadyLevel?, candidate: SteadyLevel?, goMemoryAboveRSS: (base: Bool, candidate: Bool) = (false, false)) {
        self.metric = metric
        self.base = base
        self.candidate = candidate
        goMemoryAboveRSSInBase = metric == .nonGo && goMemoryAboveRSS.base
        goMemoryAboveRSSInCandidate = metric == .nonGo && goMemoryAboveRSS.candidate
        guard let base, let candidate, !goMemoryAboveRSSInBase, !goMemoryAboveRSSInCandidate else {
            test = nil
            verdict = .notCompared
            floor = nil
            return
        }
        let test = MannWhitneyTest(base.values, candidate.values)
        self.test = test
        let change = candidate.median - base.median
        let floor = max(max(base.interquartileRange, candidate.interquartileRange) / 2,
                        Self.relativeFloor * abs(base.median),
                        metric.unit == .bytes ? Self.bytesFloor : metric.unit == .share ? Self.shareFloor : 0)
        self.floor = floor
        if let p = test?.pValue, p < Self.significanceLevel, abs(change) > floor {
            verdict = change > 0 ? .increased : .decreased
        } else {
            verdict = .noSignificantChange
        }
    }

    /// The metric's series of one instance: times and values.
    static func series(_ metric: ComparedMetric, breakdown: MemoryBreakdown, instance: InstanceSeries) -> (times: [Double], values: [Double])? {
        let times = breakdown.timestamps
        func present(_ values: [Double?]) -> (times: [Double], values: [Double])? {
            let pairs = zip(times, values).compactMap { time, value in value.map { (time, $0) } }
            return pairs.isEmpty ? nil : (pairs.map(\.0), pairs.map(\.1))
        }
        switch metric {
        case .goMemory: return (times, breakdown.goMemory)
        case .heapTotal: return (times, breakdown.heapTotal)
        case .heapLive:
            let live = LiveHeapSeries(instance: instance, breakdown: breakdown)
            return live.values.isEmpty ? nil : (live.times, live.values)
        case .rss: return present(breakdown.rss)
        case .nonGo: return present(breakdown.nonGo)
        case .goroutines:
            guard let series = GoMemorySeriesNames.goroutineCounts.lazy.compactMap({ instance.series(named: $0) }).first else { return nil }
            return (series.timestamps, series.values)
        case .gcPerMinute:
            // Cycles per minute between samples; a reset (a restart) leaves its interval out.
            guard let counter = GoMemorySeriesNames.gcCycleCounter(in: instance) else { return nil }
            var rateTimes: [Double] = [], rates: [Double] = []
            for k in counter.timestamps.indices.dropFirst() {
                let dt = counter.timestamps[k] - counter.timestamps[k - 1], delta = counter.values[k] - counter.values[k - 1]
                guard dt > 0, delta >= 0 else { continue }
                rateTimes.append(counter.timestamps[k])
                rates.append(delta / dt * 60)
            }
            return rates.isEmpty ? nil : (rateTimes, rates)
        case .gcCPU:
            return GCCPUShare.intervalShares(in: instance)
        }
    }
}
