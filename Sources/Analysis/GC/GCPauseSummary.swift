import MemoryModel

/// The stop-the-world GC pauses that ended inside a window, from expvar's
/// `PauseNs`/`PauseEnd` (the series `expvar_gc_pause_seconds`, one sample per pause).
public struct GCPauseSummary: Sendable, Equatable {
    public var count: Int
    /// Seconds, summed over the pauses.
    public var total: Double
    /// The longest pause, in seconds, and when it ended.
    public var longest: Double
    public var longestTime: Double

    /// Nil when no recorded pause ended between `start` and `end` (inclusive).
    public init?(pauses: MetricSeries?, start: Double, end: Double) {
        guard let pauses else { return nil }
        var count = 0, total = 0.0, longest = -1.0, longestTime = 0.0
        for (time, seconds) in zip(pauses.timestamps, pauses.values) where time >= start && time <= end && seconds.isFinite {
            count += 1
            total += seconds
            if seconds > longest { longest = seconds; longestTime = time }
        }
        guard count > 0 else { return nil }
        self.count = count
        self.total = total
        self.longest = longest
        self.longestTime = longestTime
    }
}
