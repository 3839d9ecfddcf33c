/// Every threshold the findings engine uses, in one place, with why it has its value.
/// The README's "How findings are made" documents them; change them here only.
public struct FindingThresholds: Sendable, Equatable {
    /// Below this window, trends are not judged: a few minutes of a service say little
    /// about hours.
    public var minimumWindowSeconds = 120.0
    public var minimumSamples = 10
    /// Heap trends need collections: without them heap objects grow by allocation alone
    /// (unswept garbage), whatever is retained.
    public var minimumGCCycles = 10.0
    /// A trend is reported when Mann–Kendall's one-sided confidence reaches this.
    public var trendConfidence = 0.99
    /// A live heap must grow by at least this much over the window, and by this fraction
    /// of where it started, to be a leak.
    public var heapLeakMinimumBytes = 4.0 * 1024 * 1024
    public var heapLeakMinimumFraction = 0.10
    /// Growth whose last third rises at less than this fraction of the whole window's
    /// rate, or without confidence, has levelled off: a warm-up.
    public var plateauSlopeFraction = 0.25
    public var plateauConfidence = 0.9
    /// A heap leak is critical when it doubles the live heap within an hour, or reaches
    /// the memory limit within a day.
    public var criticalGrowthPerHour = 1.0
    public var criticalHoursToLimit = 24.0
    /// Goroutines must grow by this many and this fraction of the start to be a leak.
    public var goroutineLeakMinimum = 50.0
    public var goroutineLeakMinimumFraction = 0.2
    /// Growth in goroutines the goroutineleak profile proves leaked (latest − earliest,
    /// or the latest count alone) that makes a proven `goroutine-leak`.
    public var provenGoroutineLeakMinimum = 10.0
    /// When goroutine machinery and the leaking goroutines' own functions hold at least
    /// this share of the heap profile's growth, the heap growth is the goroutine leak's.
    public var goroutineExplainsHeapShare = 0.5
    /// Non-Go memory: a share of RSS and an amount, both reached (issue 5).
    public var nonGoShare = 0.30
    public var nonGoMinimumBytes = 64.0 * 1024 * 1024
    /// Non-Go growth must reach this over the window to be reported.
    public var nonGoGrowthMinimumBytes = 16.0 * 1024 * 1024
    /// Go memory this many times RSS, by at least this many bytes.
    public var virtualRatio = 1.5
    public var virtualMinimumBytes = 64.0 * 1024 * 1024
    /// Spikes: peak heap objects at least this many times the median, by this many
    /// bytes, above halfway for at most this share of the window. Dead objects of a
    /// spike stay counted until the next GC, which a spike's own heap goal delays, so a
    /// 2-second spike can look high for a third of the time: peaks only have to be the
    /// minority.
    public var spikeRatio = 2.0
    public var spikeMinimumBytes = 32.0 * 1024 * 1024
    public var spikeMaximumTimeShare = 0.5
    /// Memory within this fraction of a limit (GOMEMLIMIT, cgroup memory.max).
    public var nearLimitFraction = 0.9
    /// GC: more than one cycle a second is frequent (info); a GC CPU share or pause
    /// share above these is pressure (warning).
    public var gcCyclesPerMinute = 60.0
    public var gcCPUFraction = 0.25
    public var gcPauseShare = 0.05

    public init() {}
}
