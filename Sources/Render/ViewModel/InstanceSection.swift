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
