import ArgumentParser
import Analysis
import MemoryModel
import Publish
import Render

/// The one path from a recording to its outputs: analysis → view model → render →
/// write. `report`, `demo`, `record --then-report` and `site` all go through it.
///
/// Every output is rendered in memory before any is written, so a failure leaves
/// existing files untouched.
struct ReportPipeline {
    var templates: TemplateSet

    /// Analyses `recording` once and renders what `settings` asks for from that one
    /// analysis. Throws an `InputError` when no instance can be reported.
    func render(_ recording: Recording, settings: ReportSettings) throws -> RenderedReport {
        let analysis = try Self.analysis(of: recording, instanceFilter: settings.instanceFilter)
        let html = try templates.render(ReportPage.build(analysis, css: templates.css, notes: settings.notes))
        let digest = settings.markdown != nil || settings.email != nil ? ReportDigest.build(analysis) : nil
        let digestTemplates = digest == nil ? nil : try TemplateLoading.digest()
        let markdown = try settings.markdown.map { _ in try digest!.markdown(digestTemplates!) }
        let email = try settings.email.map {
            try Self.message($0, digest: digest!, templates: digestTemplates!, html: html, analysis: analysis).encoded()
        }
        let failing = settings.failOn.map { rule in Set(analysis.findings.joined().filter(rule.matches).map(\.kind.rawValue)).sorted() } ?? []
        return RenderedReport(analysis: analysis, html: html, summary: ReportSummary.build(analysis),
                              markdown: markdown, email: email, failing: failing)
    }

    /// Renders, writes every output, and exits with 3 when `--fail-on` matched.
    func run(_ recording: Recording, settings: ReportSettings) throws {
        let report = try render(recording, settings: settings)
        // An answer may hold non-Go jobs too; report the Go ones and say what was left out.
        for skipped in report.analysis.skipped {
            Diagnostics.note("warning: skipping \(skipped): it has no complete set of Go memory series")
        }
        let json = try settings.json.map { ($0, try report.summary.jsonText()) }
        try AtomicFileWriter.write(report.html, to: settings.output)
        if let (path, text) = json { try AtomicFileWriter.write(text, to: path) }
        if let path = settings.markdown, let markdown = report.markdown { try AtomicFileWriter.write(markdown, to: path) }
        if let path = settings.email?.path, let email = report.email { try AtomicFileWriter.write(email, to: path) }
        let count = report.analysis.breakdowns.count
        Diagnostics.note("wrote \(settings.output) (\(report.html.utf8.count) bytes, \(count) instance\(count == 1 ? "" : "s"))")
        try Self.failIfMatched(report.failing)
    }

    /// Exits with 3 after saying which findings `--fail-on` matched; nothing when none did.
    static func failIfMatched(_ ids: [String]) throws {
        guard !ids.isEmpty else { return }
        Diagnostics.note("failing (--fail-on): found \(Set(ids).sorted().joined(separator: ", "))")
        throw ExitCode(3)
    }

    /// The email: the digest as text and HTML, the report attached. Dated by
    /// `settings.date`, else by the recording's last sample.
    private static func message(_ settings: EmailSettings, digest: ReportDigest, templates: TemplateSet, html: String,
                                analysis: ReportAnalysis) throws -> MIMEMessage {
        let lastSample = analysis.breakdowns.map { $0.timestamps[$0.lastIndex] }.max() ?? 0
        return MIMEMessage(
            from: settings.from, to: settings.to,
            subject: settings.subject ?? "[gomemreport] \(digest.recordingName): \(digest.worst)",
            date: settings.date ?? lastSample,
            plainText: try digest.plainText(templates), html: try digest.emailHTML(templates), attachmentName: "report.html", attachment: Array(html.utf8))
    }

    /// The analysis stage alone, for commands that shape it their own way (`compare`,
    /// which diffs the two recordings' profiles itself: `profileViews` false skips each
    /// recording's own).
    static func analysis(of recording: Recording, instanceFilter: String?, profileViews: Bool = true) throws -> ReportAnalysis {
        try ReportAnalysis(recording: recording, instances: try instances(of: recording, matching: instanceFilter), profileViews: profileViews)
    }

    /// The recording's instances that `filter` picks (all when nil).
    static func instances(of recording: Recording, matching filter: String?) throws -> [InstanceSeries] {
        let file = recording.location
        guard !recording.instances.isEmpty else {
            throw InputError(file: file, reason: "the answer holds no series")
        }
        guard let filter else { return recording.instances }
        let matching = recording.instances.filter {
            $0.id.instance == filter || $0.id.job == filter || $0.id.description == filter
        }
        guard !matching.isEmpty else {
            let known = recording.instances.map(\.id.description).joined(separator: ", ")
            throw InputError(file: file, reason: "no instance matches '\(filter)'; the recording has: \(known)")
        }
        return matching
    }
}
