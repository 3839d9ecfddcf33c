import MemoryModel

/// Reads one instance's breakdown, series and profiles and produces ranked findings.
///
/// A pure function of its inputs: the same recording gives the same findings in the
/// same order (severity, then bytes at stake, then id). Every threshold comes from
/// `FindingThresholds`. With no finding, the report says there is nothing to fix.
public struct FindingsEngine: Sendable {
    public var thresholds: FindingThresholds

    public init(thresholds: FindingThresholds = FindingThresholds()) {
        self.thresholds = thresholds
    }

    /// What the rules share about one instance. Derived series and diffs are computed
    /// once, on first use, whichever rules need them.
    final class Context {
        let breakdown: MemoryBreakdown
        let instance: InstanceSeries
        let profiles: ProfileSet
        let thresholds: FindingThresholds

        init(breakdown: MemoryBreakdown, instance: InstanceSeries, profiles: ProfileSet, thresholds: FindingThresholds) {
            self.breakdown = breakdown
            self.instance = instance
            self.profiles = profiles
            self.thresholds = thresholds
        }

        /// The live heap after each GC, which heap trends and spike limits are judged on.
        lazy var live = LiveHeapSeries(instance: instance, breakdown: breakdown)
        /// Latest goroutine profile − earliest; nil without two.
        lazy var goroutineDiff: GoroutineDiff? = {
            guard let current = profiles.goroutine, let base = profiles.goroutineBase else { return nil }
            return GoroutineDiff(base: GoroutineGroups(profile: base.profile), current: GoroutineGroups(profile: current.profile))
        }()

        var start: Double { breakdown.timestamps[0] }
        var end: Double { breakdown.timestamps[breakdown.lastIndex] }
        var window: Double { end - start }

        /// The tightest memory limit in force: GOMEMLIMIT (when set) for Go memory, the
        /// cgroup's memory.max for the container.
        var gcSettings: GCSettings { GCSettings(instance: instance) }
        var goMemoryLimit: Double? { gcSettings.limitBytes }
        var containerLimit: Double? { breakdown.container?.highestLimit }
        var anyLimit: Double? { [goMemoryLimit, containerLimit].compactMap { $0 }.min() }
    }

    public func findings(breakdown: MemoryBreakdown, instance: InstanceSeries, profiles: ProfileSet) -> [Finding] {
        let context = Context(breakdown: breakdown, instance: instance, profiles: profiles, thresholds: thresholds)
        var found: [Finding] = []
        let enoughData = Self.dataFindings(context, into: &found)
        if enoughData {
            var goroutineLeak = Self.goroutineFinding(context)
            if let heap = Self.heapFinding(context) {
                if heap.kind == .heapLeak, var leak = goroutineLeak, let share = Self.goroutineShareOfHeapGrowth(context, leak: leak),
                   share >= thresholds.goroutineExplainsHeapShare {
                    // The heap grows because goroutines pile up: one finding, not two.
                    leak.evidence.append(("heap_growth_bytes", heap.number("growth_bytes") ?? 0))
                    leak.evidence.append(("heap_growth_explained_share", (share * 1000).rounded() / 1000))
                    leak.bytesAtStake += heap.bytesAtStake
                    goroutineLeak = leak
                } else {
                    found.append(heap)
                }
            }
            if let goroutineLeak { found.append(goroutineLeak) }
            found += Self.nonGoFindings(context)
            if let spikes = Self.spikeFinding(context, heapTrend: found.contains { $0.kind == .heapLeak }) { found.append(spikes) }
        } else if let proven = Self.goroutineFinding(context, trendRequired: false) {
            // Too short for trends, but the runtime's proof needs none.
            found.append(proven)
        }
        found += Self.limitFindings(context)
        if let oom = Self.oomKillFinding(context) { found.append(oom) }
        if let gc = Self.gcFinding(context) { found.append(gc) }
        return found.sorted {
            ($0.severity, -$0.bytesAtStake, $0.kind.rawValue) < ($1.severity, -$1.bytesAtStake, $1.kind.rawValue)
        }
    }

    /// `insufficient-data` findings; false when the window is too short to judge trends at all.
    static func dataFindings(_ c: Context, into found: inout [Finding]) -> Bool {
        let t = c.thresholds
        if c.window < t.minimumWindowSeconds || c.breakdown.count < t.minimumSamples {
            found.append(Finding(kind: .insufficientData, severity: .info, confidence: 1, start: c.start, end: c.end, bytesAtStake: 0,
                                 evidence: [("window_seconds", c.window), ("samples", Double(c.breakdown.count)),
                                            ("minimum_window_seconds", t.minimumWindowSeconds), ("minimum_samples", Double(t.minimumSamples))],
                                 facts: [("missing", "window")]))
            return false
        }
        if let cycles = c.breakdown.gcCycles, cycles < t.minimumGCCycles {
            let objects = c.breakdown.categories[.heapObjects]!
            found.append(Finding(kind: .insufficientData, severity: .info, confidence: 1, start: c.start, end: c.end, bytesAtStake: 0,
                                 evidence: [("gc_cycles", cycles), ("minimum_gc_cycles", t.minimumGCCycles),
                                            ("heap_objects_change_bytes", objects[objects.count - 1] - objects[0]),
                                            ("window_seconds", c.window)],
                                 facts: [("missing", "gc-cycles")]))
        }
        return true
    }

    /// Lower-case `x_y` keys need values rounded for stable JSON.
    static func rounded(_ value: Double, _ places: Double = 1) -> Double {
        (value * places).rounded() / places
    }
}
