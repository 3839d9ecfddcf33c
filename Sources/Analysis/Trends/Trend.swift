import Foundation

/// The trend of a series over time: a robust slope (Theil–Sen: the median of the
/// slopes between every pair of points) and how sure we are that the series rises
/// (the Mann–Kendall test, one-sided).
///
/// Both are rank statistics, so a few wild samples (a spike, a scrape during a GC)
/// move neither. `confidence` is 1 − p of the test "no trend" against "rising"; it is
/// near 0 for a falling series and near 0.5 for noise.
///
/// Long series are first reduced to at most `maximumPoints` points, each the median of
/// an equal run of samples, which keeps the pairwise work bounded (O(m²) with m ≤ 1,000)
/// and does not change what a trend over the window looks like.
public struct Trend: Sendable, Equatable {
    /// Units of the series per second.
    public var slope: Double
    /// The fitted line's value at `start` and at `end`.
    public var fittedStart: Double
    public var fittedEnd: Double
    public var start: Double
    public var end: Double
    /// P(rising) from Mann–Kendall's normal approximation, with the variance corrected for ties.
    public var confidence: Double
    /// Points the statistics were computed on (after reduction).
    public var points: Int

    public static let maximumPoints = 1000

    /// Nil for fewer than 3 points or a window of no length. `times` must increase.
    public init?(times: [Double], values: [Double]) {
        precondition(times.count == values.count)
        let (t, v) = Trend.reduce(times: times, values: values, to: Trend.maximumPoints)
        guard t.count >= 3, let first = t.first, let last = t.last, last > first else { return nil }
        var slopes: [Double] = []
        slopes.reserveCapacity(t.count * (t.count - 1) / 2)
        var s = 0
        for i in 0..<(t.count - 1) {
            for j in (i + 1)..<t.count {
                let dv = v[j] - v[i]
                if dv > 0 { s += 1 } else if dv < 0 { s -= 1 }
                let dt = t[j] - t[i]
                if dt > 0 { slopes.append(dv / dt) }
            }
        }
        slopes.sort()
        let slope = Trend.median(sorted: slopes)
        var offsets = zip(t, v).map { $0.1 - slope * ($0.0 - first) }
        offsets.sort()
        let intercept = Trend.median(sorted: offsets)

        // Variance of S with ties: [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18.
        let n = Double(t.count)
        var tieTerm = 0.0
        var counts: [Double: Int] = [:]
        for value in v { counts[value, default: 0] += 1 }
        for (_, c) in counts where c > 1 {
            let k = Double(c)
            tieTerm += k * (k - 1) * (2 * k + 5)
        }
        let variance = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18
        let z: Double
        if variance <= 0 { z = 0 } else if s > 0 { z = Double(s - 1) / variance.squareRoot() } else if s < 0 { z = Double(s + 1) / variance.squareRoot() } else { z = 0 }

        self.slope = slope
        self.start = first
        self.end = last
        self.fittedStart = intercept
        self.fittedEnd = intercept + slope * (last - first)
        self.confidence = 0.5 * erfc(-z / 2.0.squareRoot())
        self.points = t.count
    }

    /// The fitted change over the window.
    public var change: Double { fittedEnd - fittedStart }

    /// Units per hour.
    public var slopePerHour: Double { slope * 3600 }

    static func median(sorted: [Double]) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// At most `limit` points: runs of equal length, each as its middle time and median value.
    static func reduce(times: [Double], values: [Double], to limit: Int) -> ([Double], [Double]) {
        let finite = times.indices.filter { values[$0].isFinite && times[$0].isFinite }
        guard finite.count > limit else { return (finite.map { times[$0] }, finite.map { values[$0] }) }
        var outT: [Double] = [], outV: [Double] = []
        for bucket in 0..<limit {
            let lower = bucket * finite.count / limit, upper = (bucket + 1) * finite.count / limit
            guard lower < upper else { continue }
            let slice = finite[lower..<upper]
            outT.append((times[slice.first!] + times[slice.last!]) / 2)
            outV.append(median(sorted: slice.map { values[$0] }.sorted()))
        }
        return (outT, outV)
    }
}
