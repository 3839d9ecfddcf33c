import ArgumentParser
import Foundation
import Ingest
import Publish
import Render

struct SiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Render a static site: one report page per recording and an index of every instance, worst first.",
        discussion: """
            Pages are named after their recordings (a slug of the folder name), links are \
            relative, and index.json lists every page with its JSON summary. Recordings are \
            rendered concurrently; one that fails is listed on the index with its error, the \
            rest of the site is built, and the exit code is 1. The new site replaces the old \
            one only when complete.

            Examples:
              gomemreport site recordings/* -o site
              gomemreport site recordings/api-1 recordings/api-2 -o /srv/www/memory --title "API memory" --jobs 4
              gomemreport site nightly/* -o site --fail-on critical   # CI: exit 3 on any critical finding
              gomemreport site releases/* -o site --baseline releases/v1.4 --budget 'go_memory:+10%,rss:+64MiB'
            """)

    @Argument(help: ArgumentHelp("Recording folders (or query_range JSON files).", valueName: "recording"))
    var recordings: [String]

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The site's folder (new, empty, or a site this command built).", valueName: "dir"))
    var output: String

    @Option(help: ArgumentHelp("Recordings rendered at once (default: the number of cores).", valueName: "n"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("The index page's title.", valueName: "text"))
    var title: String = "Go memory reports"

    @Flag(help: "Fail a recording on its first bad snapshot file instead of skipping the file.")
    var strict = false

    @OptionGroup(title: "Input limits") var inputLimits: InputLimitOptions

    @OptionGroup var templates: TemplateOptions

    @Option(name: .customLong("fail-on"), help: ArgumentHelp(
        "Exit with 3 (after writing the site) when a finding of any page matches: finding ids, comma separated, or a severity and worse (critical, warning, info). A recording that fails still exits with 1.",
        valueName: "ids|severity"))
    var failOn: FailOnRule?

    @Option(name: .customLong("baseline"), help: ArgumentHelp("Compare every other page's recording with this one (it may be one of them), as compare does: a NAME.compare.html page each, linked from the index, and --budget judged on it.", valueName: "recording"))
    var baseline: String?

    @Option(name: .customLong("budget"), help: ArgumentHelp(
        "With --baseline: exit with 3 (after writing the site) when a recording's figure grows beyond its budget against the baseline, as compare --budget: METRIC:+N% or METRIC:+AMOUNT (gc_cpu in points: +2pp), comma separated.",
        valueName: "rules"), transform: BudgetArgument.init(parsing:))
    var budget: BudgetArgument?

    @Option(name: .customLong("markdown"), help: ArgumentHelp("With --baseline: also write every page's comparison (verdict and budgets) as one Markdown table, for a pull-request comment.", valueName: "comment.md"))
    var markdown: String?

    func validate() throws {
        guard !recordings.isEmpty else { throw ValidationError("Give at least one recording.") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1.") }
        guard budget == nil || baseline != nil else { throw ValidationError("--budget needs --baseline: the recording every page is judged against.") }
        guard markdown == nil || baseline != nil else { throw ValidationError("--markdown needs --baseline: it lists each page's comparison with it.") }
    }

    func run() throws {
        let limits = try inputLimits.limits()
        let base = try baseline.map { path in
            (path, try ReportPipeline.analysis(of: RecordingFolder.load(path: path, limits: limits, strict: strict), instanceFilter: nil, profileViews: false))
        }
        let outcome = try SiteBuilder(recordings: recordings, output: output, title: title, jobs: jobs, strict: strict,
                                      limits: limits, templates: try templates.load(), failOn: failOn,
                                      baseline: base, budgets: budget?.rules ?? []).build()
        if let markdown, let baseline {
            let name = base?.1.recording.name ?? baseline
            try AtomicFileWriter.write(try SiteCompareDigestView(baseline: name, entries: outcome.comparisons).markdown(templates: TemplateLoading.digest()),
                                       to: markdown)
        }
        if outcome.failures > 0 { throw ExitCode(1) }
        let exceeded = outcome.budgets.flatMap { page in page.results.filter(\.exceeded).map { "\($0.rule.text) (\(page.page))" } }
        for page in outcome.budgets {
            for row in page.results.map(ComparePage.budgetRow) {
                Diagnostics.note("budget \(row.rule) (\(page.page), \(row.instance)): \(row.measured)" + (row.resultClass == "not-measured" ? "" : ": \(row.result)"))
            }
        }
        if !exceeded.isEmpty { Diagnostics.note("failing (--budget): exceeded \(exceeded.joined(separator: ", "))") }
        if !exceeded.isEmpty && outcome.failing.isEmpty { throw ExitCode(3) }
        try ReportPipeline.failIfMatched(outcome.failing)
    }
}
