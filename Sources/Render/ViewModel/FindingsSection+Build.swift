import Analysis
import Foundation
import Markdown
import MemoryModel

extension FindingsSection {
    /// `findings[i]` belongs to `breakdowns[i]`; the first instance's findings may cite
    /// the recording's profiles.
    static func build(findings: [[Finding]], breakdowns: [MemoryBreakdown], profiles: ProfileSet) -> FindingsSection {
        let several = breakdowns.count > 1
        let all = ordered(findings: findings, breakdowns: breakdowns)
        let first = breakdowns.first?.instance
        var views: [FindingView] = []
        for (number, entry) in all.enumerated() {
            views.append(FindingView.build(entry.finding, profiles: entry.instance == first ? profiles : ProfileSet(),
                                           anchor: "finding-\(number + 1)", instance: several ? entry.instance.description : nil))
        }
        let headline = Self.headline(all.map(\.finding))
        let summary: String
        if headline == Self.nothingToFix {
            summary = "No leak, no memory outside Go worth chasing, and no memory pressure was found in this recording"
                + (all.isEmpty ? "." : "; the notes below are for information.")
        } else {
            summary = "Most severe first; each finding gives its evidence, the code it points at and the next steps."
        }
        return FindingsSection(headline: headline, summary: summary, findings: views, hasFindings: !views.isEmpty)
    }
}

extension FindingsSection {
    static let nothingToFix = "Nothing to fix"

    /// "1 critical, 2 warning", or "Nothing to fix" when no finding is above info.
    static func headline(_ findings: [Finding]) -> String {
        let counts = [Finding.Severity.critical, .warning].map { severity in (severity, findings.filter { $0.severity == severity }.count) }
        let serious = counts.filter { $0.1 > 0 }
        return serious.isEmpty ? nothingToFix : serious.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
    }

    /// Every instance's findings in one list: severity, then bytes at stake, then
    /// instance and id, so the order is stable.
    static func ordered(findings: [[Finding]], breakdowns: [MemoryBreakdown]) -> [(finding: Finding, instance: InstanceID)] {
        var all: [(finding: Finding, instance: InstanceID)] = []
        for (index, list) in findings.enumerated() where index < breakdowns.count {
            for finding in list { all.append((finding, breakdowns[index].instance)) }
        }
        return all.sorted { ($0.finding.severity, -$0.finding.bytesAtStake, $0.instance, $0.finding.kind.rawValue)
            < ($1.finding.severity, -$1.finding.bytesAtStake, $1.instance, $1.finding.kind.rawValue) }
    }
}

extension FindingView {
    static func build(_ finding: Finding, profiles: ProfileSet, anchor: String, instance: String?) -> FindingView {
        let text = FindingText(finding: finding, profiles: profiles)
        let goroutines = finding.kind == .goroutineLeak
        let window = finding.start == finding.end
            ? UTCTime(unixSeconds: finding.start).readable
            : "\(UTCTime(unixSeconds: finding.start).readable) – \(UTCTime(unixSeconds: finding.end).clock(seconds: true)) UTC"
        return FindingView(
            anchor: anchor, id: finding.kind.rawValue, severity: finding.severity.rawValue,
            severityLabel: finding.severity.rawValue.capitalized, title: text.title, instance: instance,
            confidence: text.confidence, window: window, bodyHTML: MarkdownHTML.render(text.markdown),
            attribution: finding.attribution.map { row in
                AttributionRow(function: row.function, position: FindingText.position(row), delta: FindingText.amount(row, of: finding),
                               detail: row.detail ?? "")
            },
            hasAttribution: !finding.attribution.isEmpty,
            deltaHeading: goroutines ? "Goroutines" : "Bytes")
    }
}
