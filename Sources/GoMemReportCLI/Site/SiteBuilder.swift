import Analysis
import Dispatch
import Foundation
import Ingest
import MemoryModel
import Publish
import Render

/// Builds a site: renders recordings concurrently into a folder beside the target,
/// writes the index and index.json, then swaps the folder in.
struct SiteBuilder {
    static let indexSchema = "gomemreport/site/v1"

    var recordings: [String]
    var output: String
    var title: String
    var jobs: Int
    var strict: Bool
    var limits: InputLimits
    var templates: TemplateSet
    var failOn: FailOnRule?
    /// Every other page is compared with this analysed recording: a compare page each
    /// (`NAME.compare.html`), linked from the index, and `budgets` judged on it.
    var baseline: (path: String, analysis: ReportAnalysis)? = nil
    var budgets: [BudgetRule] = []

    /// What a built site holds besides its pages.
    struct Outcome {
        /// Recordings that could not be rendered (listed on the index).
        var failures: Int
        /// The ids of the findings `failOn` matched on any page, sorted, without repeats.
        var failing: [String]
        /// Each page's budgets against the baseline, in page order.
        var budgets: [(page: String, results: [BudgetRule.Result])]
        /// Each page compared with the baseline, in page order (none without one).
        var comparisons: [SiteCompareDigestView.Entry]
    }

    private enum PageOutcome {
        case page(SiteIndexPage.Entry, summary: ReportSummary, failing: [String], budgets: [BudgetRule.Result]?, compareVerdict: String?)
        case failure(recording: String, error: String)
    }

    func build() throws -> Outcome {
        let site = try SiteFolder(target: output, marker: Self.indexSchema)
        let names = Self.pageNames(recordings)
        var outcomes = [PageOutcome?](repeating: nil, count: recordings.count)
        let lock = NSLock()
        let progress = SiteProgress(total: recordings.count)
        let slots = DispatchSemaphore(value: jobs)
        let group = DispatchGroup()
        let queue = DispatchQueue(label: "gomemreport.site", attributes: .concurrent)
        var writeError: Error?
        for (index, path) in recordings.enumerated() {
            slots.wait()
            group.enter()
            queue.async {
                defer { slots.signal(); group.leave() }
                progress.started(path)
                let outcome = render(path, page: names[index], into: site)
                lock.lock()
                outcomes[index] = outcome
                if case .failure(_, let error) = outcome, error.hasPrefix("cannot write") { writeError = writeError ?? SiteWriteFailure(error) }
                lock.unlock()
                switch outcome {
                case .page(let entry, _, _, _, _): progress.finished(path, note: "\(entry.page)")
                case .failure(_, let error): progress.finished(path, note: "failed: \(error)")
                }
            }
        }
        group.wait()
        progress.done()
        if let writeError { throw writeError }

        var entries: [SiteIndexPage.Entry] = [], failures: [(recording: String, error: String)] = []
        var pages: [SiteIndexJSON.Page] = [], failing: Set<String> = []
        var budgetResults: [(page: String, results: [BudgetRule.Result])] = []
        var comparisons: [SiteCompareDigestView.Entry] = []
        for outcome in outcomes.compactMap({ $0 }) {
            switch outcome {
            case let .page(entry, summary, matched, results, verdict):
                entries.append(entry)
                failing.formUnion(matched)
                if let results { budgetResults.append((entry.page, results)) }
                if let comparison = entry.comparison, let verdict {
                    comparisons.append(.init(recording: entry.recording.name, page: comparison.page, verdict: verdict, budgets: results ?? []))
                }
                pages.append(SiteIndexJSON.Page(page: entry.page, recording: entry.recording.name, summary: summary,
                                                budgets: results.map(CompareSummary.budgetEntries),
                                                comparePage: entry.comparison?.page, compareVerdict: verdict))
            case let .failure(recording, error):
                failures.append((recording, error))
            }
        }
        let index = SiteIndexPage.build(title: title, entries: entries, failures: failures, css: templates.css)
        try site.write(try templates.render(index, template: "site-index"), as: "index.html")
        let json = SiteIndexJSON(schema: Self.indexSchema, title: title, tool: "\(ToolVersion.name) \(ToolVersion.current)", pages: pages,
                                 failures: failures.map { .init(recording: $0.recording, error: $0.error) })
        try site.write(try json.text(), as: "index.json")
        try site.commit()
        Diagnostics.note("wrote \(output): \(entries.count) page\(entries.count == 1 ? "" : "s") and index.html"
            + (failures.isEmpty ? "" : "; \(failures.count) recording\(failures.count == 1 ? "" : "s") failed"))
        return Outcome(failures: failures.count, failing: failing.sorted(), budgets: budgetResults, comparisons: comparisons)
    }

    private func render(_ path: String, page: String, into site: SiteFolder) -> PageOutcome {
        do {
            let recording = try RecordingFolder.load(path: path, limits: limits, strict: strict)
            guard !recording.instances.isEmpty else { throw InputError(file: path, reason: "the recording holds no series") }
            let report = try ReportPipeline(templates: templates).render(recording, settings: ReportSettings(output: page, failOn: failOn))
            let compared = try comparison(of: report.analysis, path: path, page: page)
            do {
                try site.write(report.html, as: page)
                if let compared { try site.write(compared.html, as: compared.page) }
            } catch {
                return .failure(recording: path, error: "cannot write \(page): \(error)")
            }
            return .page(.init(page: page, analysis: report.analysis, comparison: compared.map { ($0.page, $0.verdict) }),
                         summary: report.summary, failing: report.failing,
                         budgets: compared.flatMap { budgets.isEmpty ? nil : $0.budgets }, compareVerdict: compared?.verdict)
        } catch let error as InputError {
            return .failure(recording: path, error: error.withHint)
        } catch {
            return .failure(recording: path, error: "\(error)")
        }
    }

    /// The baseline against this page's recording, as `compare` renders it (page
    /// `NAME.compare.html`), with the budgets judged; nil without a baseline, and for the
    /// baseline itself. A page that shares no instance with the baseline fails like bad input.
    private func comparison(of analysis: ReportAnalysis, path: String, page: String)
        throws -> (page: String, html: String, verdict: String, budgets: [BudgetRule.Result])? {
        guard let baseline,
              URL(fileURLWithPath: path).standardizedFileURL != URL(fileURLWithPath: baseline.path).standardizedFileURL else { return nil }
        let comparison = try RecordingComparison(base: baseline.analysis, candidate: analysis)
        let results = comparison.evaluate(budgets)
        let html = try templates.render(ComparePage.build(comparison, budgets: results, css: templates.css), template: "compare")
        // Page names are slugs (letters, digits, dashes), so a dotted name cannot collide with one.
        return (String(page.dropLast(".html".count)) + ".compare.html", html, ComparePage.verdict(comparison), results)
    }

    /// `heapleak.html` for `recordings/heapleak`: stable between runs, lower-case
    /// letters, digits and dashes only, `-2`, `-3`… when two recordings share a name.
    static func pageNames(_ paths: [String]) -> [String] {
        var used: Set<String> = ["index"]
        return paths.map { path in
            var stem = URL(fileURLWithPath: path).standardizedFileURL.lastPathComponent
            if stem.hasSuffix(".json") { stem = String(stem.dropLast(5)) }
            let base = ReportPage.slug(stem)
            var name = base, number = 2
            while used.contains(name) { name = "\(base)-\(number)"; number += 1 }
            used.insert(name)
            return name + ".html"
        }
    }
}
