/// How much a counter grew over its samples, with resets handled as Prometheus's
/// `increase()` handles them: a counter only goes up, so a fall means the process
/// restarted and counted again from zero, and the value after the fall is all new.
///
/// Unlike `increase()`, nothing is extrapolated to the window's edges: the result is
/// what the samples show. Non-finite values are skipped.
public struct CounterIncrease: Sendable, Equatable {
    /// The total increase over the samples.
    public var increase: Double
    /// A fall: the sample before it and the sample that fell (indices into `values`).
    public struct Reset: Sendable, Equatable {
        public var before: Int
        public var after: Int

        public init(before: Int, after: Int) {
            self.before = before
            self.after = after
        }
    }
    /// Where the value fell below the last finite one before it, in order.
    public var resets: [Reset]

    public init(values: [Double]) {
        var total = 0.0
        var resets: [Reset] = []
        var previous: Double?
        var previousIndex = 0
        for (index, value) in values.enumerated() where value.isFinite {
            if let before = previous {
                if value < before {
                    resets.append(Reset(before: previousIndex, after: index))
                    total += value
                } else {
                    total += value - before
                }
            }
            previous = value
            previousIndex = index
        }
        increase = total
        self.resets = resets
    }
}
