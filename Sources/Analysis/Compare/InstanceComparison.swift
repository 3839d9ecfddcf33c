import MemoryModel

/// One base instance against one candidate instance (or each side's instances pooled):
/// every `ComparedMetric` at steady state, and each memory category's change of
/// median, largest increase first.
public struct InstanceComparison: Sendable {
    /// The base side: its one instance, or `job/N instances` when pooled.
    public let base: InstanceID
    public let candidate: InstanceID
    /// The instances behind each side (one unless pooled), in the recordings' order.
    public let baseMembers: [InstanceID]
    public let candidateMembers: [InstanceID]
    /// Each member's own steady-state Go memory, in the members' order (nil: too few
    /// samples): a pooled side's outlier shows here.
    public let baseMemberGoMemory: [Double?]
    public let candidateMemberGoMemory: [Double?]
    /// A pooled side's members as one breakdown, their mean at each time (for its chart);
    /// nil for a side of one instance.
    public let basePooled: MemoryBreakdown?
    public let candidatePooled: MemoryBreakdown?
    public let metrics: [MetricComparison]
    /// Category medians (second half of each window): candidate − base, by category,
    /// largest increase first (ties in category order).
    public let categoryChanges: [(category: MemoryCategory, base: Double, candidate: Double)]
    /// Where each side's categories come from (both give the same eight figures).
    public let schemes: (base: MetricScheme, candidate: MetricScheme)
    /// How each side's live heap after GC was measured (`LiveHeapSeries`).
    public let liveHeapSources: (base: LiveHeapSeries.Source, candidate: LiveHeapSeries.Source)

    public func metric(_ metric: ComparedMetric) -> MetricComparison? {
        metrics.first { $0.metric == metric }
    }

    /// `base` and `candidate` each hold one instance, or several to pool: a figure's
    /// steady-state samples of every instance of a side form one level, so the spread
    /// between instances counts as noise. The scheme and live-heap source shown are the
    /// first instance's.
    init(base: [(MemoryBreakdown, InstanceSeries)], candidate: [(MemoryBreakdown, InstanceSeries)]) {
        baseMembers = base.map(\.0.instance)
        candidateMembers = candidate.map(\.0.instance)
        self.base = Self.name(baseMembers)
        self.candidate = Self.name(candidateMembers)
        schemes = (base[0].0.scheme, candidate[0].0.scheme)
        liveHeapSources = (LiveHeapSeries(instance: base[0].1, breakdown: base[0].0).source,
                           LiveHeapSeries(instance: candidate[0].1, breakdown: candidate[0].0).source)
        func level(_ metric: ComparedMetric, _ side: [(MemoryBreakdown, InstanceSeries)]) -> SteadyLevel? {
            SteadyLevel(pooling: side.compactMap { member in
                MetricComparison.series(metric, breakdown: member.0, instance: member.1).flatMap { SteadyLevel(times: $0.times, values: $0.values) }
            })
        }
        let baseLevels = ComparedMetric.allCases.map { level($0, base) }, candidateLevels = ComparedMetric.allCases.map { level($0, candidate) }
        // Non-Go memory means nothing on a side whose Go memory is far above RSS (the report's rule, on the levels).
        func farAbove(_ levels: [SteadyLevel?]) -> Bool {
            guard let go = levels[ComparedMetric.goMemory.index]?.median else { return false }
            return Reconciliation.verdict(goMemory: go, rss: levels[ComparedMetric.rss.index]?.median) == .goFarAboveRSS
        }
        let aboveRSS = (base: farAbove(baseLevels), candidate: farAbove(candidateLevels))
        basePooled = MemoryBreakdown.pooledMean(base.map(\.0), instance: self.base)
        candidatePooled = MemoryBreakdown.pooledMean(candidate.map(\.0), instance: self.candidate)
        baseMemberGoMemory = base.map { level(.goMemory, [$0])?.median }
        candidateMemberGoMemory = candidate.map { level(.goMemory, [$0])?.median }
        metrics = ComparedMetric.allCases.indices.map { k in
            MetricComparison(metric: ComparedMetric.allCases[k], base: baseLevels[k], candidate: candidateLevels[k], goMemoryAboveRSS: aboveRSS)
        }
        var changes: [(category: MemoryCategory, base: Double, candidate: Double)] = []
        for category in MemoryCategory.allCases {
            func level(_ side: [(MemoryBreakdown, InstanceSeries)]) -> SteadyLevel? {
                SteadyLevel(pooling: side.compactMap { SteadyLevel(times: $0.0.timestamps, values: $0.0.categories[category] ?? []) })
            }
            guard let b = level(base), let c = level(candidate) else { continue }
            changes.append((category, b.median, c.median))
        }
        categoryChanges = changes.enumerated().sorted {
            let a = $0.element.candidate - $0.element.base, b = $1.element.candidate - $1.element.base
            return a != b ? a > b : $0.offset < $1.offset
        }.map(\.element)
    }

    /// One instance's own ID; several as `job/N instances` (their job when they share one).
    static func name(_ members: [InstanceID]) -> InstanceID {
        guard members.count > 1 else { return members[0] }
        let jobs = Set(members.map(\.job))
        return InstanceID(job: jobs.count == 1 ? members[0].job : "", instance: "\(members.count) instances")
    }
}
