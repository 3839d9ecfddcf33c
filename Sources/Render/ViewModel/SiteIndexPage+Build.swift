import Analysis
import MemoryModel

extension SiteIndexPage {
    /// One report of the site: the page's file name and what it showed.
    public struct Entry: Sendable {
        public var page: String
        public var recording: Recording
        public var breakdowns: [MemoryBreakdown]
        public var findings: [[Finding]]
        /// With `site --baseline`: the page comparing the baseline with this recording,
        /// and its one-sentence verdict (Markdown).
        public var comparison: (page: String, verdict: String)?

        public init(page: String, recording: Recording, breakdowns: [MemoryBreakdown], findings: [[Finding]],
                    comparison: (page: String, verdict: String)? = nil) {
            self.page = page
            self.recording = recording
            self.breakdowns = breakdowns
            self.findings = findings
            self.comparison = comparison
        }

        /// Keeps what the index shows of `analysis`, not its profile views.
        public init(page: String, analysis: ReportAnalysis, comparison: (page: String, verdict: String)? = nil) {
            self.init(page: page, recording: analysis.recording, breakdowns: analysis.breakdowns, findings: analysis.findings, comparison: comparison)
        }
    }

    /// Rows sorted by their worst finding's severity, then bytes at stake, then name.
    public static func build(title: String, entries: [Entry], failures: [(recording: String, error: String)], css: String) -> SiteIndexPage {
        var rows: [(row: Row, severity: Int, stake: Double)] = []
        for entry in entries {
            for (index, breakdown) in entry.breakdowns.enumerated() {
                let findings = index < entry.findings.count ? entry.findings[index] : []
                let last = Reconciliation(breakdown: breakdown, index: breakdown.lastIndex)
                let peak = Reconciliation(breakdown: breakdown, index: breakdown.peakIndex)
                let start = breakdown.timestamps[0], end = breakdown.timestamps[breakdown.lastIndex]
                let anchor = "instance-" + ReportPage.slug(breakdown.instance.description)
                let badges = findings.map { finding in
                    Badge(severity: finding.severity.rawValue, id: finding.kind.rawValue,
                          title: FindingText(finding: finding, profiles: index == 0 ? entry.recording.profiles : ProfileSet()).title)
                }
                let row = Row(
                    link: "\(entry.page)#\(anchor)", name: breakdown.instance.description, recording: entry.recording.name,
                    window: "\(UTCTime(unixSeconds: start).readable) (\(DurationFormat.string(seconds: end - start)))",
                    goLast: ByteFormat.string(last.goMemory), goPeak: ByteFormat.string(peak.goMemory),
                    rssLast: last.rss.map(ByteFormat.string) ?? "unknown", badges: badges, hasBadges: !badges.isEmpty,
                    sparklineSVG: Sparkline(title: "Go memory (dotted) and RSS (solid) of \(breakdown.instance.description)",
                                            timestamps: breakdown.timestamps, goMemory: breakdown.goMemory, rss: breakdown.rss).svg(),
                    comparePage: entry.comparison?.page, compareVerdictHTML: entry.comparison.map { MarkdownHTML.render($0.verdict) })
                let worst = findings.map(\.severity).min()
                let rank = worst == .critical ? 0 : worst == .warning ? 1 : 2
                rows.append((row, rank, findings.filter { $0.severity == worst }.map(\.bytesAtStake).max() ?? 0))
            }
        }
        rows.sort { ($0.severity, -$0.stake, $0.row.name, $0.row.link) < ($1.severity, -$1.stake, $1.row.name, $1.row.link) }
        let critical = rows.filter { $0.severity == 0 }.count, warning = rows.filter { $0.severity == 1 }.count
        let recordings = entries.count + failures.count
        var headline = "\(rows.count) instance\(rows.count == 1 ? "" : "s") in \(recordings) recording\(recordings == 1 ? "" : "s"): "
            + "\(critical) with critical findings, \(warning) with warnings."
        if !failures.isEmpty { headline += " \(failures.count) recording\(failures.count == 1 ? "" : "s") could not be read." }
        return SiteIndexPage(
            title: title, toolName: ToolVersion.name, toolVersion: ToolVersion.current,
            contentSecurityPolicy: ContentSecurityPolicy.forReport, css: css, headline: headline, rows: rows.map(\.row),
            failures: failures.map { Failure(recording: $0.recording, error: $0.error) }, hasFailures: !failures.isEmpty)
    }
}
