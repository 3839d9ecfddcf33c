import Analysis
import MemoryModel

/// The report in a few lines, for places that are not a browser: a ticket or chat
/// message (Markdown), an email's text part, and its short HTML part. One set of
/// figures, several renderings; every figure is the full report's.
public struct ReportDigest: Sendable {
    public struct InstanceLine: Sendable {
        public var name: String
        public var window: String
        public var goLast: String
        public var goPeak: String
        public var rssLast: String
        public var nonGoLast: String
        public var verdict: String
    }

    public struct FindingLine: Sendable {
        public var id: String
        public var severity: String
        public var title: String
        public var confidence: String
        public var instance: String
        /// The code the finding points at, e.g. "main.FooHandler (main.go:45) +44.9 MiB".
        public var growers: [String]
    }

    public var recordingName: String
    public var tool: String
    /// "1 critical" or "Nothing to fix".
    public var headline: String
    public var instances: [InstanceLine]
    public var findings: [FindingLine]

    /// The subject line's words: the worst finding, or that there is nothing to fix.
    public var worst: String {
        guard let first = findings.first, first.severity != "info" else { return "nothing to fix" }
        return "\(first.severity) \(first.id): \(first.title)"
    }

    /// Shapes the analysed recording's findings and key figures.
    public static func build(_ analysis: ReportAnalysis) -> ReportDigest {
        let recording = analysis.recording, breakdowns = analysis.breakdowns, findings = analysis.findings
        let ordered = FindingsSection.ordered(findings: findings, breakdowns: breakdowns)
        let lines = ordered.map { entry -> FindingLine in
            let finding = entry.finding
            let text = FindingText(finding: finding, profiles: recording.profiles)
            let growers = finding.attribution.prefix(3).map { row -> String in
                let place = row.line > 0 ? " (\(FindingText.position(row)))" : ""
                return "\(row.function)\(place) \(FindingText.amount(row, of: finding))" + (row.detail.map { ", \($0)" } ?? "")
            }
            return FindingLine(id: finding.kind.rawValue, severity: finding.severity.rawValue, title: text.title, confidence: text.confidence,
                               instance: entry.instance.description, growers: Array(growers))
        }
        let instances = breakdowns.map { breakdown -> InstanceLine in
            let last = Reconciliation(breakdown: breakdown, index: breakdown.lastIndex)
            let peak = Reconciliation(breakdown: breakdown, index: breakdown.peakIndex)
            let start = breakdown.timestamps[0], end = breakdown.timestamps[breakdown.lastIndex]
            return InstanceLine(
                name: breakdown.instance.description,
                window: "\(UTCTime(unixSeconds: start).readable) – \(UTCTime(unixSeconds: end).clock(seconds: true)) UTC (\(DurationFormat.string(seconds: end - start)))",
                goLast: ByteFormat.string(last.goMemory), goPeak: ByteFormat.string(peak.goMemory),
                rssLast: last.rss.map(ByteFormat.string) ?? "unknown", nonGoLast: last.nonGo.map(ByteFormat.signed) ?? "unknown",
                verdict: GeneratedSummary.verdictLabel(last))
        }
        return ReportDigest(recordingName: recording.name, tool: "\(ToolVersion.name) \(ToolVersion.current)",
                            headline: FindingsSection.headline(ordered.map(\.finding)), instances: instances, findings: lines)
    }
}
