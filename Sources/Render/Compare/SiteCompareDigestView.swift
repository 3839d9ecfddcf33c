import Analysis

/// `site --baseline … --markdown`: every page's comparison with the baseline in one
/// pull-request comment (`templates/digest/site-compare.md`): its verdict and budgets.
/// Fields are Markdown-escaped here, because the text template places them as they are.
public struct SiteCompareDigestView {
    /// One page compared with the baseline.
    public struct Entry {
        public var recording: String
        public var page: String
        /// Markdown, as `ComparePage.verdict` writes it.
        public var verdict: String
        public var budgets: [BudgetRule.Result]

        public init(recording: String, page: String, verdict: String, budgets: [BudgetRule.Result]) {
            self.recording = recording
            self.page = page
            self.verdict = verdict
            self.budgets = budgets
        }
    }

    struct Row {
        var recording: String
        var page: String
        var verdict: String
        var budgets: String
    }

    var baseline: String
    var rows: [Row]
    var summary: String
    var tool: String

    public init(baseline: String, entries: [Entry]) {
        let e = DigestView.markdownEscape
        self.baseline = e(baseline)
        rows = entries.map { entry in
            let exceeded = entry.budgets.filter(\.exceeded)
            let budgets = entry.budgets.isEmpty ? "–"
                : exceeded.isEmpty ? "\(entry.budgets.count) held"
                : "**exceeded** " + exceeded.map { "`\($0.rule.text)`" }.joined(separator: ", ")
            return Row(recording: e(entry.recording), page: e(entry.page), verdict: entry.verdict, budgets: budgets)
        }
        let failing = entries.filter { $0.budgets.contains(where: \.exceeded) }.count
        let judged = entries.filter { !$0.budgets.isEmpty }.count
        summary = "\(entries.count) recording\(entries.count == 1 ? "" : "s") compared with the baseline"
            + (judged == 0 ? "." : "; \(failing) of \(judged) exceed a budget.")
        tool = "\(ToolVersion.name) \(ToolVersion.current)"
    }

    /// The comment, through `templates` (the digests' set).
    public func markdown(templates: TemplateSet) throws -> String {
        try templates.render(self, template: "site-compare.md")
    }
}
