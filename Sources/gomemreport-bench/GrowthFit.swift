import Foundation

/// How a measured quantity grows with input size, fitted by least squares.
///
/// `slope` is the log-log slope over all sizes: 1 is linear, 2 quadratic; a fixed cost
/// (start-up, a chart of fixed width) pulls it below 1 at small sizes. `pairwise` are the
/// slopes between neighbouring sizes, which show where growth bends.
struct GrowthFit {
    var slope: Double
    var pairwise: [Double]

    /// nil with fewer than two distinct positive sizes.
    init?(sizes: [Double], values: [Double]) {
        let points = zip(sizes, values).filter { $0.0 > 0 && $0.1 > 0 }
        guard points.count >= 2, Set(points.map(\.0)).count >= 2 else { return nil }
        let line = LinearFit(x: points.map { log($0.0) }, y: points.map { log($0.1) })!
        slope = line.slope
        pairwise = zip(points, points.dropFirst()).map { a, b in log(b.1 / a.1) / log(b.0 / a.0) }
    }
}

/// A straight line `y = intercept + slope × x` through points by least squares, with
/// the largest residual, to show whether a straight line describes them.
struct LinearFit {
    var intercept: Double
    var slope: Double
    /// The largest |y − fitted y| ÷ y over the points.
    var largestRelativeResidual: Double

    /// nil with fewer than two distinct x.
    init?(x: [Double], y: [Double]) {
        let n = Double(x.count)
        guard x.count == y.count, x.count >= 2 else { return nil }
        let meanX = x.reduce(0, +) / n, meanY = y.reduce(0, +) / n
        let sxx = x.reduce(0) { $0 + ($1 - meanX) * ($1 - meanX) }
        guard sxx > 0 else { return nil }
        let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) }
        slope = sxy / sxx
        intercept = meanY - slope * meanX
        let (a, b) = (intercept, slope)
        largestRelativeResidual = zip(x, y).map { abs($0.1 - (a + b * $0.0)) / max(abs($0.1), .leastNonzeroMagnitude) }.max() ?? 0
    }
}

/// The median of values (the mean of the middle two for an even count).
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
