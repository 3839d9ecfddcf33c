/// A series' level at steady state: the median of the second half of its window (the
/// first half may still be warming up), with the quartiles that say how much it moves.
public struct SteadyLevel: Sendable, Equatable {
    public let median: Double
    public let lowerQuartile: Double
    public let upperQuartile: Double
    /// The values the level was taken from, in time order.
    public let values: [Double]
    /// The half of the window they cover.
    public let from: Double
    public let to: Double

    /// The spread between the quartiles.
    public var interquartileRange: Double { upperQuartile - lowerQuartile }

    /// Nil when the second half of the window holds fewer than 3 finite values.
    public init?(times: [Double], values: [Double]) {
        guard let first = times.first, let last = times.last, times.count == values.count else { return nil }
        let middle = first + (last - first) / 2
        let kept = zip(times, values).filter { $0.0 >= middle && $0.1.isFinite }.map(\.1)
        guard kept.count >= 3 else { return nil }
        let sorted = kept.sorted()
        median = Self.quantile(sorted, 0.5)
        lowerQuartile = Self.quantile(sorted, 0.25)
        upperQuartile = Self.quantile(sorted, 0.75)
        self.values = kept
        from = middle
        to = last
    }

    /// Several instances' levels as one: their values together (in the levels' order),
    /// the median and quartiles of all of them, over the union of their halves. Nil
    /// when `levels` is empty; one level is returned as is.
    public init?(pooling levels: [SteadyLevel]) {
        guard let first = levels.first else { return nil }
        guard levels.count > 1 else { self = first; return }
        let values = levels.flatMap(\.values), sorted = values.sorted()
        median = Self.quantile(sorted, 0.5)
        lowerQuartile = Self.quantile(sorted, 0.25)
        upperQuartile = Self.quantile(sorted, 0.75)
        self.values = values
        from = levels.map(\.from).min()!
        to = levels.map(\.to).max()!
    }

    /// Linear interpolation between order statistics (type 7, as R and numpy).
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let low = Int(position), high = min(low + 1, sorted.count - 1)
        return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
    }
}
