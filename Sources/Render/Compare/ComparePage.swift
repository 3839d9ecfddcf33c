/// The page of `gomemreport compare`: the verdict, how the sides were aligned, each
/// instance pair's figures and categories, the budgets, the findings that came and
/// went, and the diffs of the two recordings' latest profiles.
public struct ComparePage: Sendable {
    public struct Side: Sendable {
        public var label: String
        public var recording: String
        public var window: String
    }

    public struct MetricRow: Sendable {
        public var title: String
        public var key: String
        public var base: String
        public var candidate: String
        public var change: String
        public var percent: String
        public var test: String
        public var verdict: String
        /// `increased`, `decreased`, … as a CSS class.
        public var verdictClass: String
    }

    public struct CategoryRow: Sendable {
        public var title: String
        public var base: String
        public var candidate: String
        public var change: String
    }

    public struct Pair: Sendable {
        public var heading: String
        /// The section's id, `pair-…`, for the overview's links.
        public var anchor: String
        /// Go memory's row of `metrics`, for the overview of several pairs.
        public var goMemory: MetricRow?
        public var metrics: [MetricRow]
        public var categories: [CategoryRow]
        /// The two sides' stacked charts on one y scale, and the categories' changes.
        public var baseChartSVG: String
        public var candidateChartSVG: String
        public var changeChartSVG: String
        public var legend: [LegendEntry]
        /// A pooled pair's instances, each with its own Go memory; empty otherwise.
        public var members: [MemberRow]
        public var hasMembers: Bool
    }

    public struct MemberRow: Sendable {
        public var side: String
        public var instance: String
        public var goMemory: String
    }

    public struct BudgetRow: Sendable {
        public var rule: String
        public var instance: String
        public var measured: String
        public var result: String
        public var resultClass: String
    }

    public struct FindingRow: Sendable {
        public var severity: String
        public var id: String
        public var title: String
    }

    public var title: String
    public var toolName: String
    public var toolVersion: String
    public var contentSecurityPolicy: String
    public var css: String
    /// The verdict sentence, rendered from its Markdown.
    public var verdictHTML: String
    public var base: Side
    public var candidate: Side
    public var alignment: String
    public var testNote: String
    public var pairs: [Pair]
    /// Several pairs: a table of them first, each linking to its section.
    public var hasOverview: Bool
    public var budgets: [BudgetRow]
    public var hasBudgets: Bool
    public var budgetSummary: String
    public var newFindings: [FindingRow]
    public var resolvedFindings: [FindingRow]
    public var unchangedFindings: [FindingRow]
    public var hasNewFindings: Bool
    public var hasResolvedFindings: Bool
    public var hasUnchangedFindings: Bool
    public var findingsSummary: String
    public var heapProfile: ProfileSectionView?
    public var noHeapDiff: String?
    /// The candidate scaled to the base's total: the functions whose share grew most.
    public var normalizedGrowth: [ProfileTopRowView]
    public var hasNormalizedGrowth: Bool
    public var normalizedNote: String
    public var goroutines: GoroutineSectionView?
    public var noGoroutineDiff: String?
}
