/// Everything the page template places, already computed and formatted. Templates
/// only position these values; they make no decisions of their own.
///
/// Fields ending in `HTML` or `SVG` are trusted markup produced by this module (cmark
/// in safe mode, or our own escaping); every other string is plain text that the
/// template engine escapes.
public struct ReportPage: Sendable {
    public var title: String
    public var toolName: String
    public var toolVersion: String
    public var recordingName: String
    public var sourceFiles: [String]
    /// Input repaired or skipped while reading (one line each), shown near the top.
    public var inputWarnings: [String]
    public var hasInputWarnings: Bool
    /// How the recording was made, from its manifest; nil without one.
    public var recordedBy: String?
    /// What went wrong while recording (failures by endpoint, the recorder's notes).
    public var recorderProblems: [String]
    public var hasRecorderProblems: Bool
    /// The Content-Security-Policy for the `<meta>` tag.
    public var contentSecurityPolicy: String
    /// The stylesheet, inlined in `<style>`.
    public var css: String
    /// The running header of printed pages (recording and window), already escaped as a
    /// CSS string for `@page { @top-left { content: "…" } }`.
    public var printHeaderCSS: String
    /// The user's notes rendered from Markdown, nil when there are none.
    public var notesHTML: String?
    /// The findings, which lead the page.
    public var findings: FindingsSection
    public var instances: [InstanceSection]
    /// A table of contents, shown when there are several instances.
    public var hasSeveralInstances: Bool
    /// The latest heap profile, its diff against the earliest, and the heap goal.
    public var heapProfile: ProfileSectionView?
    /// Goroutine groups of the latest goroutine profile, and how they changed.
    public var goroutines: GoroutineSectionView?
}

/// One scraped process: its chart, tables and generated commentary.
public struct InstanceSection: Sendable {
    /// The element id, unique within the page.
    public var anchor: String
    public var title: String
    public var job: String
    public var instance: String
    /// `2026-11-28 07:32:43 UTC – 07:37:37 UTC (4 min 54 s, 148 samples)`.
    public var window: String
    /// Which metric names the numbers came from, in a sentence.
    public var sourceNote: String
    /// The generated summary, Markdown rendered through cmark.
    public var summaryHTML: String
    public var chartSVG: String
    public var chartCaption: String
    /// Which files the chart's layers and lines came from.
    public var chartSource: String
    /// Which files the reconciliation and breakdown tables came from.
    public var reconciliationSource: String
    public var breakdownSource: String
    /// GC cycles, pauses and restarts in one line; nil when none was recorded.
    public var activity: String?
    /// What the data lacked or what was repaired, a Markdown list rendered through
    /// cmark; nil when there is nothing to say.
    public var dataNotesHTML: String?
    public var legend: [LegendEntry]
    public var reconciliation: ReconciliationTable
    public var breakdownRows: [BreakdownRow]
    public var totalRows: [BreakdownRow]
    public var peakTime: String
    public var lastTime: String
    /// The explanation of the breakdown table's terms, Markdown rendered through cmark.
    public var breakdownNotesHTML: String
    /// One row of the page's overview of instances (shown when there are several).
    public var overview: InstanceOverview
}

/// The figures of one instance in the page's overview table.
public struct InstanceOverview: Sendable {
    public var goLast: String
    public var goPeak: String
    public var rssLast: String
    public var nonGoLast: String
    /// How Go memory compares with RSS at the last sample, in a few words.
    public var verdict: String
}

/// One entry of the chart's legend.
public struct LegendEntry: Sendable {
    public var name: String
    /// A small inline SVG swatch (a filled square or a dashed or solid line).
    public var swatchSVG: String
}

/// RSS against Go memory at the last sample and at the Go memory peak.
public struct ReconciliationTable: Sendable {
    public struct Row: Sendable {
        public var label: String
        public var atLast: String
        public var atPeak: String
        public var exactAtLast: String
        public var exactAtPeak: String
    }
    public var lastHeading: String
    public var peakHeading: String
    public var rows: [Row]
    /// The sentence that applies at each point, rendered from Markdown.
    public var lastVerdictHTML: String
    public var peakVerdictHTML: String
}

/// One row of the breakdown table.
public struct BreakdownRow: Sendable {
    public var name: String
    public var swatchSVG: String
    /// The runtime/metrics classes, `/memory/classes/…:bytes`, comma separated.
    public var runtimeMetrics: String
    public var memStats: String
    public var last: String
    public var minimum: String
    public var maximum: String
    public var atPeak: String
    /// Share of Go memory at the last sample.
    public var shareOfLast: String
    public var exactLast: String
}
