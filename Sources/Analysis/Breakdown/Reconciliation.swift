import MemoryModel

/// Go memory set against RSS at one sample, with the sentence that explains the gap.
public struct Reconciliation: Sendable, Equatable {
    /// How Go memory compares with RSS.
    public enum Verdict: String, Sendable, Equatable {
        /// Go memory dominates RSS: profiles and GC tuning will help.
        case close
        /// Go memory is well above RSS: address space reserved but never touched.
        case goFarAboveRSS = "go-far-above-rss"
        /// Go memory is well below RSS: memory Go does not manage (cgo, mmap).
        case goFarBelowRSS = "go-far-below-rss"
        /// The recording has no RSS at this sample.
        case rssUnknown = "rss-unknown"
    }

    public let index: Int
    public let timestamp: Double
    public let rss: Double?
    public let goMemory: Double
    /// RSS − Go memory; negative when Go memory exceeds RSS.
    public let nonGo: Double?
    public let heapReleased: Double
    /// Go memory ÷ RSS.
    public let ratio: Double?
    /// The container's memory.current, kernel memory and memory.max at this sample.
    public let containerCurrent: Double?
    public let kernel: Double?
    public let limit: Double?
    /// The kernel's split of RSS at this sample (`/proc`), nil where not recorded.
    public let anonymous: Double?
    public let fileBacked: Double?
    public let sharedMemory: Double?
    public let swap: Double?
    public let peakRSS: Double?
    public let pss: Double?
    public let verdict: Verdict

    /// Go memory within this factor of RSS (either way), or within `closeBytes` of it,
    /// counts as close. 1.25 leaves room for the binary's own text and libc (a few MiB)
    /// and for the lag between a scrape's RSS and its runtime snapshot.
    public static let closeFactor = 1.25
    public static let closeBytes = 8.0 * 1024 * 1024

    public init(breakdown: MemoryBreakdown, index: Int) {
        self.index = index
        self.timestamp = breakdown.timestamps[index]
        let rss = breakdown.rss[index]
        let goMemory = breakdown.goMemory[index]
        self.rss = rss
        self.goMemory = goMemory
        self.heapReleased = breakdown.heapReleased[index]
        self.nonGo = rss.map { $0 - goMemory }
        self.containerCurrent = breakdown.container?.current[index]
        self.kernel = breakdown.container?.kernel[index]
        self.limit = breakdown.container?.limit[index]
        self.anonymous = breakdown.process?.anonymous[index] ?? nil
        self.fileBacked = breakdown.process?.fileBacked[index] ?? nil
        self.sharedMemory = breakdown.process?.sharedMemory[index] ?? nil
        self.swap = breakdown.process?.swap[index] ?? nil
        self.peakRSS = breakdown.process?.peakRSS[index] ?? nil
        self.pss = breakdown.process?.pss[index] ?? nil
        self.ratio = rss.flatMap { $0 > 0 ? goMemory / $0 : nil }
        verdict = Self.verdict(goMemory: goMemory, rss: rss)
    }

    /// How Go memory stands against RSS: close (within `closeFactor` either way, or
    /// `closeBytes`), far above, far below, or unknown without a positive RSS.
    public static func verdict(goMemory: Double, rss: Double?) -> Verdict {
        guard let rss, rss > 0 else { return .rssUnknown }
        let ratio = goMemory / rss
        if abs(goMemory - rss) < closeBytes || (ratio <= closeFactor && ratio >= 1 / closeFactor) { return .close }
        return ratio > 1 ? .goFarAboveRSS : .goFarBelowRSS
    }
}
