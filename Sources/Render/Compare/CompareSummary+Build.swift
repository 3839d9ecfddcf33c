import Analysis
import MemoryModel

extension CompareSummary {
    /// Four decimals, and 0 for what is not finite: the JSON's numbers.
    static func rounded(_ value: Double) -> Double { value.isFinite ? (value * 10000).rounded() / 10000 : 0 }

    /// Each budget's rule, measured change and outcome.
    public static func budgetEntries(_ results: [BudgetRule.Result]) -> [Budget] {
        results.map {
            Budget(rule: $0.rule.text, metric: $0.rule.metric.rawValue, instance: $0.instance,
                   change: $0.comparison.change.map(rounded), relativeChange: $0.comparison.relativeChange.map(rounded),
                   verdict: $0.comparison.verdict.rawValue, measured: $0.measured, exceeded: $0.exceeded)
        }
    }

    /// Summarises `comparison` and the budgets it was judged on.
    public static func build(_ comparison: RecordingComparison, budgets: [BudgetRule.Result]) -> CompareSummary {
        func level(_ l: SteadyLevel?) -> Level? {
            l.map { Level(median: rounded($0.median), lowerQuartile: rounded($0.lowerQuartile), upperQuartile: rounded($0.upperQuartile), samples: $0.values.count) }
        }
        func side(_ analysis: ReportAnalysis) -> Side {
            let window = MemoryBreakdown.window(analysis.breakdowns)
            return Side(recording: analysis.recording.name, start: window.map { UTCTime(unixSeconds: $0.start).rfc3339 },
                        end: window.map { UTCTime(unixSeconds: $0.end).rfc3339 }, samples: analysis.breakdowns.map(\.count).max() ?? 0)
        }
        var entries = Findings(new: [], resolved: [], unchanged: [])
        for (pair, change) in zip(comparison.instances, comparison.findings) {
            func entry(_ f: Finding, _ instance: InstanceID) -> FindingEntry {
                FindingEntry(id: f.kind.rawValue, instance: instance.description, severity: f.severity.rawValue,
                             title: FindingText(finding: f, profiles: ProfileSet()).title)
            }
            entries.new += change.new.map { entry($0, pair.candidate) }
            entries.resolved += change.resolved.map { entry($0, pair.base) }
            entries.unchanged += change.unchanged.map { entry($0, pair.candidate) }
        }
        var summary = CompareSummary(
            tool: "\(ToolVersion.name) \(ToolVersion.current)", verdict: ComparePage.verdict(comparison),
            pairing: comparison.pairing.rawValue, base: side(comparison.base), candidate: side(comparison.candidate),
            instances: comparison.instances.map { pair in
                Pair(base: pair.base.description, candidate: pair.candidate.description,
                     baseInstances: pair.baseMembers.map(\.description), candidateInstances: pair.candidateMembers.map(\.description),
                     metrics: pair.metrics.map { m in
                         Metric(metric: m.metric.rawValue, unit: m.metric.unit.rawValue, base: level(m.base), candidate: level(m.candidate),
                                change: m.change.map(rounded), relativeChange: m.relativeChange.map(rounded),
                                pValue: m.test.map { rounded($0.pValue) }, verdict: m.verdict.rawValue)
                     },
                     categories: pair.categoryChanges.map {
                         Category(category: $0.category.key, base: rounded($0.base), candidate: rounded($0.candidate), change: rounded($0.candidate - $0.base))
                     })
            },
            findings: entries,
            budgets: budgetEntries(budgets),
            budgetsExceeded: budgets.contains(where: \.exceeded))
        summary.heapDiff = comparison.heapTotals.flatMap(ReportSummary.heapDiffEntry)
        if let goroutines = comparison.goroutineDiff {
            summary.goroutineDiff = ReportSummary.goroutineEntries(goroutines).1
        }
        return summary
    }
}
