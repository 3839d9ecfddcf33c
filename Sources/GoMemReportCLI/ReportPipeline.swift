import ArgumentParser
import Analysis
import MemoryModel
import Publish
import Render

/// The one path from a recording to written files: analysis → view model → render →
/// write. Both outputs are rendered in memory before either is written, so a failure
/// leaves existing files untouched.
struct ReportPipeline {
    var recording: Recording
    /// Picks instances by `instance`, `job` or `job/instance`; nil keeps all.
    var instanceFilter: String?
    /// Markdown that replaces the recording's own notes.
    var notes: String?
    var templates: TemplateSet
    /// Where to write and what else to write (summary, Markdown, email), and which
    /// findings fail the run.
    var options: RenderOptions

    func run() throws {
        let output = options.output, json = options.json
        let analysis = try RecordingAnalysis(recording: recording, instances: try selectedInstances())
        // An answer may hold non-Go jobs too; report the Go ones and say what was left out.
        for skipped in analysis.skipped {
            Diagnostics.note("warning: skipping \(skipped): it has no complete set of Go memory series")
        }
        let breakdowns = analysis.breakdowns, findings = analysis.findings
        let page = ReportPage.build(recording: recording, breakdowns: breakdowns, css: templates.css, notes: notes, findings: findings)
        let html = try templates.render(page)
        let summary = try json.map { _ in try ReportSummary.build(recording: recording, breakdowns: breakdowns, findings: findings).jsonText() }
        let digest = options.markdown != nil || options.email != nil
            ? ReportDigest.build(recording: recording, breakdowns: breakdowns, findings: findings) : nil
        let email = try options.email.map { _ in try message(digest: digest!, html: html, breakdowns: breakdowns).encoded() }
        try AtomicFileWriter.write(html, to: output)
        if let json, let summary { try AtomicFileWriter.write(summary, to: json) }
        if let path = options.markdown, let digest { try AtomicFileWriter.write(digest.markdown, to: path) }
        if let path = options.email, let email { try AtomicFileWriter.write(email, to: path) }
        Diagnostics.note("wrote \(output) (\(html.utf8.count) bytes, \(breakdowns.count) instance\(breakdowns.count == 1 ? "" : "s"))")
        if let failOn = options.failOn {
            let matched = findings.joined().filter(failOn.matches).map(\.kind.rawValue)
            if !matched.isEmpty {
                Diagnostics.note("failing (--fail-on): found \(Set(matched).sorted().joined(separator: ", "))")
                throw ExitCode(3)
            }
        }
    }

    /// The email: the digest as text and HTML, the report attached. Dated by
    /// --generated-at or SOURCE_DATE_EPOCH, else by the recording's last sample, so the
    /// same inputs give the same bytes.
    private func message(digest: ReportDigest, html: String, breakdowns: [MemoryBreakdown]) throws -> MIMEMessage {
        let lastSample = breakdowns.map { $0.timestamps[$0.lastIndex] }.max() ?? 0
        return MIMEMessage(
            from: options.from, to: options.to,
            subject: options.subject ?? "[gomemreport] \(digest.recordingName): \(digest.worst)",
            date: try options.generatedAtSeconds() ?? lastSample,
            plainText: digest.plainText, html: digest.emailHTML, attachmentName: "report.html", attachment: Array(html.utf8))
    }

    private func selectedInstances() throws -> [InstanceSeries] {
        let file = recording.location
        guard !recording.instances.isEmpty else {
            throw InputError(file: file, reason: "the answer holds no series")
        }
        guard let filter = instanceFilter else { return recording.instances }
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
