import Analysis

/// The comparison for a pull-request comment (`templates/digest/compare.md`): the
/// verdict, each pair's figures, the budgets and the findings that changed. Fields are
/// Markdown-escaped here, because the text template places them as they are.
struct CompareDigestView {
    struct Pair {
        var heading: String
        var metrics: [ComparePage.MetricRow]
    }

    /// One pair's Go memory, for the overview of several pairs.
    struct OverviewRow {
        var heading: String
        var row: ComparePage.MetricRow
    }

    struct FindingLine {
        /// "new" or "resolved".
        var change: String
        var severity: String
        var id: String
        var title: String
    }

    var base: String
    var candidate: String
    var verdict: String
    /// Several pairs: Go memory of each in one table; `pairs` then holds only those
    /// with a figure beyond noise, so a fleet's comment stays short.
    var hasOverview: Bool
    var overview: [OverviewRow]
    var unchangedNote: String?
    var pairs: [Pair]
    var hasBudgets: Bool
    var budgetSummary: String
    var budgets: [ComparePage.BudgetRow]
    var findingsSummary: String
    var findings: [FindingLine]
    var tool: String

    init(_ page: ComparePage, comparison: RecordingComparison) {
        let e = DigestView.markdownEscape
        base = e(comparison.base.recording.name)
        candidate = e(comparison.candidate.recording.name)
        verdict = ComparePage.verdict(comparison)
        hasOverview = page.hasOverview
        overview = page.pairs.compactMap { pair in pair.goMemory.map { OverviewRow(heading: e(pair.heading), row: $0) } }
        // `page.pairs[k]` shows `comparison.instances[k]`.
        let shown = page.hasOverview
            ? zip(page.pairs, comparison.instances).filter { _, pair in pair.metrics.contains { $0.verdict == .increased || $0.verdict == .decreased } }.map(\.0)
            : page.pairs
        let hidden = page.pairs.count - shown.count
        unchangedNote = page.hasOverview && hidden > 0
            ? "\(hidden) of \(page.pairs.count) pairs have no figure beyond noise: only their Go memory is above." : nil
        pairs = shown.map { pair in
            Pair(heading: e(pair.heading), metrics: pair.metrics.map { row in
                var row = row
                row.title = e(row.title)
                return row
            })
        }
        hasBudgets = page.hasBudgets
        budgetSummary = e(page.budgetSummary)
        budgets = page.budgets.map { row in
            var row = row
            row.instance = e(row.instance)
            row.measured = e(row.measured)
            return row
        }
        findingsSummary = page.findingsSummary
        findings = page.newFindings.map { FindingLine(change: "new", severity: $0.severity.uppercased(), id: $0.id, title: e($0.title)) }
            + page.resolvedFindings.map { FindingLine(change: "resolved", severity: $0.severity.uppercased(), id: $0.id, title: e($0.title)) }
        tool = "\(page.toolName) \(page.toolVersion)"
    }
}

extension ComparePage {
    /// The comparison as Markdown for a pull-request comment.
    public func markdown(_ comparison: RecordingComparison, templates: TemplateSet) throws -> String {
        try templates.render(CompareDigestView(self, comparison: comparison), template: "compare.md")
    }
}
