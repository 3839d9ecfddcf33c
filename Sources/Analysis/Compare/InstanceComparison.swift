import MemoryModel

/// One base instance against one candidate instance: every `ComparedMetric` at steady
/// state, and each memory category's change of median, largest increase first.
public struct InstanceComparison: Sendable {
    public let base: InstanceID
    public let candidate: InstanceID
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

    init(base: (MemoryBreakdown, InstanceSeries), candidate: (MemoryBreakdown, InstanceSeries)) {
        self.base = base.0.instance
        self.candidate = candidate.0.instance
        schemes = (base.0.scheme, candidate.0.scheme)
        liveHeapSources = (LiveHeapSeries(instance: base.1, breakdown: base.0).source,
                           LiveHeapSeries(instance: candidate.1, breakdown: candidate.0).source)
        metrics = ComparedMetric.allCases.map { metric in
            func level(_ side: (MemoryBreakdown, InstanceSeries)) -> SteadyLevel? {
                MetricComparison.series(metric, breakdown: side.0, instance: side.1).flatMap { SteadyLevel(times: $0.times, values: $0.values) }
            }
            return MetricComparison(metric: metric, base: level(base), candidate: level(candidate))
        }
        var changes: [(category: MemoryCategory, base: Double, candidate: Double)] = []
        for category in MemoryCategory.allCases {
            guard let b = SteadyLevel(times: base.0.timestamps, values: base.0.categories[category] ?? []),
                  let c = SteadyLevel(times: candidate.0.timestamps, values: candidate.0.categories[category] ?? []) else { continue }
            changes.append((category, b.median, c.median))
        }
        categoryChanges = changes.enumerated().sorted {
            let a = $0.element.candidate - $0.element.base, b = $1.element.candidate - $1.element.base
            return a != b ? a > b : $0.offset < $1.offset
        }.map(\.element)
    }
}
