import Foundation

/// The Mann–Whitney U test (Wilcoxon rank-sum): could two samples come from one
/// distribution? Two-sided, by the normal approximation with the tie correction and a
/// continuity correction, which holds from about eight values a side.
///
/// Samples of a time series are not independent (a GC sawtooth, say), so a small p
/// alone overstates a change; `MetricComparison` also asks for a shift larger than the
/// series' own spread.
public struct MannWhitneyTest: Sendable, Equatable {
    /// U of the first sample.
    public let u: Double
    /// The two-sided p-value; 1 when every value is tied.
    public let pValue: Double

    /// Nil when either sample has fewer than 3 finite values.
    public init?(_ first: [Double], _ second: [Double]) {
        let a = first.filter(\.isFinite), b = second.filter(\.isFinite)
        guard a.count >= 3, b.count >= 3 else { return nil }
        let n1 = Double(a.count), n2 = Double(b.count), n = n1 + n2
        // Ranks of the pooled values, ties sharing their mean rank.
        let pooled = (a.map { ($0, 0) } + b.map { ($0, 1) }).sorted { $0.0 < $1.0 }
        var rankSumFirst = 0.0, tieTerm = 0.0
        var index = 0
        while index < pooled.count {
            var end = index
            while end + 1 < pooled.count && pooled[end + 1].0 == pooled[index].0 { end += 1 }
            let rank = Double(index + end) / 2 + 1, ties = Double(end - index + 1)
            for k in index...end where pooled[k].1 == 0 { rankSumFirst += rank }
            tieTerm += ties * ties * ties - ties
            index = end + 1
        }
        u = rankSumFirst - n1 * (n1 + 1) / 2
        let mean = n1 * n2 / 2
        let variance = n1 * n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1)))
        guard variance > 0 else {
            pValue = 1
            return
        }
        let z = max(abs(u - mean) - 0.5, 0) / variance.squareRoot()
        pValue = min(1, erfc(z / 2.squareRoot()))
    }
}
