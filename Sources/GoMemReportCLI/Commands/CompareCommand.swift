import Analysis
import ArgumentParser
import Foundation
import Ingest
import LiveQuery
import MemoryModel
import Publish
import Render

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two recordings (before and after a release, canary and stable): one page, a JSON summary and CI budgets.",
        discussion: """
            BASE and CANDIDATE are recording folders or query_range JSON files. Instances pair \
            by job and instance labels, or, when each side has one, with each other; when none \
            pairs and each side's instances belong to one job (a canary pod against the stable \
            pods), or with --pool, each side's instances are pooled into one. Every figure \
            (Go memory, heap total, live heap after GC, RSS, non-Go memory, goroutines, GC cycles \
            per minute) is the median of the second half of its side's window, so windows of \
            different lengths compare fairly; a change counts when the Mann–Whitney U test and \
            the series' own spread both say it is beyond noise. The page also matches the two \
            sides' findings (new, resolved, in both) and diffs the candidate's latest heap and \
            goroutine profiles against the base's.

            With --prometheus URL the candidate is queried live (Prometheus, Thanos, Mimir, \
            VictoriaMetrics), --selector over --since/--until, and so is the base, \
            --base-selector over --base-since/--base-until (each defaulting to the \
            candidate's), unless BASE is given: a saved recording against the live service.

            Exit codes: 0 compared, 1 bad input, 2 bad usage, 3 a --budget was exceeded or \
            --fail-on matched a finding new in the candidate (after everything is written).

            Examples:
              gomemreport compare recordings/v1.4 recordings/v1.5 -o compare.html
              gomemreport compare stable canary -o compare.html --json compare.json \\
                --budget 'go_memory:+10%,rss:+64MiB,goroutines:+20%,heap_live:+5%'
              gomemreport compare last-week.json now.json -o compare.html --fail-on critical
              gomemreport compare fleet.json fleet.json --base-instance 10.0.0.1:8080 --instance 10.0.0.2:8080 -o pods.html
              gomemreport compare main pr-4711 -o compare.html --markdown comment.md   # for the PR
              gomemreport compare releases/v1.4 --prometheus http://prom:9090 --selector '{job="api"}' \\
                --since 1h -o now.html                         # the saved release against the last hour
              gomemreport compare --prometheus http://prom:9090 --selector '{job="api"}' \\
                --since 1h --base-until 1w -o week.html        # now vs the same hour last week
              gomemreport compare --prometheus http://prom:9090 --since 6h \\
                --selector '{job="api",track="canary"}' --base-selector '{job="api",track="stable"}' \\
                --profile canary-heap.pb.gz --base-profile stable-heap.pb.gz -o canary.html
            """)

    @Argument(help: ArgumentHelp("The base recording (before); with --prometheus, optional: a saved recording against the live candidate.", valueName: "base"))
    var base: String?

    @Argument(help: ArgumentHelp("The candidate recording (after); none with --prometheus.", valueName: "candidate"))
    var candidate: String?

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Where to write the HTML page.", valueName: "compare.html"))
    var output: String

    @Option(name: .customLong("json"), help: ArgumentHelp("Also write the summary (schema gomemreport/compare/v1) here.", valueName: "compare.json"))
    var json: String?

    @Option(name: .customLong("markdown"), help: ArgumentHelp("Also write the verdict, figures, budgets and changed findings as Markdown, for a pull-request comment.", valueName: "compare.md"))
    var markdown: String?

    @Option(name: .customLong("budget"), help: ArgumentHelp(
        "Exit with 3 when a figure grows beyond its budget (and beyond noise): METRIC:+N% or METRIC:+AMOUNT (gc_cpu in points: +2pp), comma separated. Metrics: \(ComparedMetric.allCases.map(\.rawValue).joined(separator: ", ")).",
        valueName: "rules"), transform: BudgetArgument.init(parsing:))
    var budget: BudgetArgument?

    @Option(name: .customLong("fail-on"), help: ArgumentHelp(
        "Exit with 3 when a finding new in the candidate matches: finding ids, comma separated, or a severity and worse.",
        valueName: "ids|severity"))
    var failOn: FailOnRule?

    @Option(help: ArgumentHelp("Use this heap or goroutine profile as the candidate's latest of its kind (repeat for both): with --prometheus, the profiles a live query cannot fetch.", valueName: "profile"))
    var profile: [String] = []

    @Option(name: .customLong("base-profile"), help: ArgumentHelp("Use this heap or goroutine profile as the base's latest of its kind (repeat for both).", valueName: "profile"))
    var baseProfile: [String] = []

    @Option(help: ArgumentHelp("Compare only this instance of the candidate (its instance label, job, or job/instance).", valueName: "instance"))
    var instance: String?

    @Option(name: .customLong("base-instance"), help: ArgumentHelp("Compare only this instance of the base (default: --instance).", valueName: "instance"))
    var baseInstance: String?

    @Flag(help: "Pool each side's instances into one (a fleet as a whole) even when instances pair by label.")
    var pool = false

    @Flag(help: "Fail on the first bad snapshot file instead of skipping it with a warning.")
    var strict = false

    @OptionGroup(title: "Input limits") var inputLimits: InputLimitOptions

    @OptionGroup var templates: TemplateOptions

    @OptionGroup(title: "Live query") var live: LiveSourceOptions

    @OptionGroup(title: "Live query: the base") var liveBase: CompareLiveOptions

    func validate() throws {
        if live.prometheus != nil {
            guard candidate == nil else { throw ValidationError("--prometheus queries the candidate: give at most one recording, the base, with it.") }
            guard live.saveRecording == nil else { throw ValidationError("--save-recording saves one side; compare saves none: use report --prometheus … --save-recording for each.") }
            if base != nil {
                guard !liveBase.givesBase else { throw ValidationError("The base is the recording given: --base-selector, --base-since and --base-until query a live base instead.") }
            } else {
                guard liveBase.givesBase else { throw ValidationError("With --prometheus, say what the base is: a recording, or --base-selector, --base-since or --base-until.") }
            }
        } else {
            guard base != nil, candidate != nil else { throw ValidationError("Give BASE and CANDIDATE recordings, or --prometheus URL.") }
            if liveBase.givesBase { throw ValidationError("--base-selector, --base-since and --base-until go with --prometheus URL.") }
        }
    }

    func run() throws {
        let templateSet = try templates.load(), limits = try inputLimits.limits()
        var recordings = try sides(limits: limits)
        try ProfileChoice.apply(profiles: baseProfile, bases: [], limits: limits, to: &recordings[0].profiles)
        try ProfileChoice.apply(profiles: profile, bases: [], limits: limits, to: &recordings[1].profiles)
        let analyses = [try ReportPipeline.analysis(of: recordings[0], instanceFilter: baseInstance ?? instance, profileViews: false),
                        try ReportPipeline.analysis(of: recordings[1], instanceFilter: instance, profileViews: false)]
        let comparison = try RecordingComparison(base: analyses[0], candidate: analyses[1], pool: pool)
        let results = comparison.evaluate(budget?.rules ?? [])
        let page = ComparePage.build(comparison, budgets: results, css: templateSet.css)
        let html = try templateSet.render(page, template: "compare")
        let summary = try json.map { _ in try CompareSummary.build(comparison, budgets: results).jsonText() }
        let digest = try markdown.map { _ in try page.markdown(comparison, templates: TemplateLoading.digest()) }
        try AtomicFileWriter.write(html, to: output)
        if let json, let summary { try AtomicFileWriter.write(summary, to: json) }
        if let markdown, let digest { try AtomicFileWriter.write(digest, to: markdown) }
        Diagnostics.note("wrote \(output) (\(html.utf8.count) bytes): \(ComparePage.plainVerdict(comparison))")
        try Self.judge(results, comparison: comparison, failOn: failOn)
    }

    /// The two recordings: from folders or files, or queried live.
    private func sides(limits: InputLimits) throws -> [Recording] {
        if let base, let candidate {
            return try [base, candidate].map { try RecordingFolder.load(path: $0, limits: limits, strict: strict) }
        }
        let candidatePlan = try live.plan(names: ReportedSeriesNames.exported, now: Date().timeIntervalSince1970)
        func name(_ plan: PrometheusQueryPlan) -> String {
            "\(plan.selector.isEmpty ? "all" : plan.selector) \(UTCTime(unixSeconds: plan.start).rfc3339) – \(UTCTime(unixSeconds: plan.end).rfc3339)"
        }
        func query(_ plan: PrometheusQueryPlan) throws -> Recording { try LiveReportSource(options: live, plan: plan, name: name(plan)).recording() }
        // A saved recording (last release's) against the live candidate.
        if let base { return [try RecordingFolder.load(path: base, limits: limits, strict: strict), try query(candidatePlan)] }
        return [try query(try liveBase.basePlan(names: ReportedSeriesNames.exported, candidate: candidatePlan)), try query(candidatePlan)]
    }

    /// One stderr line per budget, then exit 3 when a budget is exceeded or `failOn`
    /// matches a finding new in the candidate.
    static func judge(_ results: [BudgetRule.Result], comparison: RecordingComparison, failOn: FailOnRule?) throws {
        for row in results.map(ComparePage.budgetRow) {
            Diagnostics.note("budget \(row.rule) (\(row.instance)): \(row.measured)" + (row.resultClass == "not-measured" ? "" : ": \(row.result)"))
        }
        let exceeded = results.filter(\.exceeded)
        let matched = failOn.map { rule in Set(comparison.findings.flatMap(\.new).filter(rule.matches).map(\.kind.rawValue)).sorted() } ?? []
        if !exceeded.isEmpty {
            Diagnostics.note("failing (--budget): exceeded \(exceeded.map(\.rule.text).joined(separator: ", "))")
        }
        if !matched.isEmpty {
            Diagnostics.note("failing (--fail-on): new in the candidate: \(matched.joined(separator: ", "))")
        }
        if !exceeded.isEmpty || !matched.isEmpty { throw ExitCode(3) }
    }
}
