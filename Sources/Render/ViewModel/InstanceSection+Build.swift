import Foundation
import Analysis
import Markdown
import MemoryModel

extension InstanceSection {
    static func build(breakdown: MemoryBreakdown, anchor: String, recordingLocation: String, findings: [Finding] = [],
                      profiles: ProfileSet = ProfileSet()) -> InstanceSection {
        let peak = breakdown.peakIndex, last = breakdown.lastIndex
        let start = breakdown.timestamps[0], end = breakdown.timestamps[last]
        let lastTime = UTCTime(unixSeconds: end).readable
        let peakTime = UTCTime(unixSeconds: breakdown.timestamps[peak]).readable
        let window = "\(UTCTime(unixSeconds: start).readable) – \(UTCTime(unixSeconds: end).readable) "
            + "(\(DurationFormat.string(seconds: end - start)), \(breakdown.count) samples)"

        let lastReconciliation = Reconciliation(breakdown: breakdown, index: last)
        let peakReconciliation = Reconciliation(breakdown: breakdown, index: peak)

        return InstanceSection(
            anchor: anchor,
            title: breakdown.instance.description,
            job: breakdown.instance.job,
            instance: breakdown.instance.instance,
            window: window,
            sourceNote: sourceNote(breakdown),
            summaryHTML: MarkdownHTML.render(GeneratedSummary.markdown(breakdown)),
            chartSVG: chart(breakdown, findings: findings, profiles: profiles).svg(),
            chartCaption: "Go memory by category, stacked (the layers add up to Go memory). "
                + "Dotted: Go memory and heap total. " + (breakdown.hasRSS ? "Solid: RSS. " : "The recording has no RSS. ")
                + (limitIsDrawn(breakdown) ? "Dashed: the container's memory limit. " : "")
                + (breakdown.container?.highestLimit.map { limitIsDrawn(breakdown) ? "" : "The container's memory limit, \(ByteFormat.string($0)), is far above the chart. " } ?? "")
                + "Bytes in powers of 1024; times in UTC."
                + (breakdown.restarts.isEmpty ? "" : " Orange dashes: restarts.")
                + (findings.isEmpty ? "" : " Strips above the plot: the findings' windows (red critical, amber warning, blue info)."),
            chartSource: chartSource(breakdown, location: recordingLocation),
            reconciliationSource: reconciliationSource(breakdown, location: recordingLocation),
            breakdownSource: "Source: " + DataNotesText.files(breakdown.sources.categories, recordingLocation: recordingLocation)
                + " (\(breakdown.scheme.rawValue)); every sample at full resolution.",
            activity: DataNotesText.activity(breakdown),
            dataNotesHTML: dataNotes(breakdown),
            legend: legend(breakdown),
            reconciliation: reconciliationTable(last: lastReconciliation, peak: peakReconciliation),
            breakdownRows: breakdownRows(breakdown),
            totalRows: totalRows(breakdown),
            peakTime: peakTime,
            lastTime: lastTime,
            breakdownNotesHTML: MarkdownHTML.render(GeneratedSummary.breakdownNotes),
            overview: InstanceOverview(
                goLast: ByteFormat.string(lastReconciliation.goMemory),
                goPeak: ByteFormat.string(peakReconciliation.goMemory),
                rssLast: lastReconciliation.rss.map(ByteFormat.string) ?? "unknown",
                nonGoLast: lastReconciliation.nonGo.map(ByteFormat.string) ?? "unknown",
                verdict: GeneratedSummary.verdictLabel(lastReconciliation)))
    }

    private static func chartSource(_ breakdown: MemoryBreakdown, location: String) -> String {
        var parts = ["categories, Go memory and heap total from "
                     + DataNotesText.files(breakdown.sources.categories, recordingLocation: location) + " (\(breakdown.scheme.rawValue))"]
        if breakdown.hasRSS {
            parts.append("RSS from " + DataNotesText.files(breakdown.sources.rss, recordingLocation: location) + " (\(breakdown.rssSource))")
        }
        if limitIsDrawn(breakdown) {
            parts.append("the limit from " + DataNotesText.files(breakdown.sources.container, recordingLocation: location))
        }
        return "Source: " + parts.joined(separator: "; ") + "."
    }

    private static func reconciliationSource(_ breakdown: MemoryBreakdown, location: String) -> String {
        var parts = ["Go memory from " + DataNotesText.files(breakdown.sources.categories, recordingLocation: location)]
        parts.append(breakdown.hasRSS
            ? "RSS from " + DataNotesText.files(breakdown.sources.rss, recordingLocation: location) + " (\(breakdown.rssSource))"
            : "no RSS recorded")
        if breakdown.process != nil {
            parts.append("the split of RSS from " + DataNotesText.files(breakdown.sources.process, recordingLocation: location))
        }
        if breakdown.container != nil {
            parts.append("container memory from " + DataNotesText.files(breakdown.sources.container, recordingLocation: location))
        }
        return "Source: " + parts.joined(separator: "; ") + "."
    }

    private static func dataNotes(_ breakdown: MemoryBreakdown) -> String? {
        let items = [DataNotesText.restarts(breakdown.restarts)].compactMap { $0 } + breakdown.notes.map(DataNotesText.markdown)
        guard !items.isEmpty else { return nil }
        return MarkdownHTML.render(items.map { "- " + $0 }.joined(separator: "\n"))
    }

    private static func sourceNote(_ breakdown: MemoryBreakdown) -> String {
        let rss = breakdown.hasRSS ? " RSS from \(breakdown.rssSource)." : " No RSS series (process_resident_memory_bytes) was recorded."
        switch breakdown.scheme {
        case .runtimeMetrics:
            return "Categories from runtime/metrics (go_memory_classes_*_bytes); Go memory = total − heap/released." + rss
        case .memStats:
            return "Categories from runtime.MemStats (go_memstats_*_bytes), since runtime/metrics classes were absent; Go memory = Sys − HeapReleased." + rss
        }
    }

    static func swatch(color: String) -> String {
        "<svg class=\"swatch\" width=\"12\" height=\"12\" viewBox=\"0 0 12 12\" aria-hidden=\"true\"><rect width=\"12\" height=\"12\" fill=\"\(color)\"/></svg>"
    }

    static func lineSwatch(color: String, dotted: Bool, dashed: Bool = false) -> String {
        let dash = dotted ? " stroke-dasharray=\"2 3\"" : dashed ? " stroke-dasharray=\"8 4\"" : ""
        return "<svg class=\"swatch\" width=\"24\" height=\"12\" viewBox=\"0 0 24 12\" aria-hidden=\"true\"><line x1=\"0\" y1=\"6\" x2=\"24\" y2=\"6\" stroke=\"\(color)\" stroke-width=\"2\"\(dash)/></svg>"
    }

    static func chart(_ breakdown: MemoryBreakdown, findings: [Finding], profiles: ProfileSet) -> StackedAreaChart {
        // map, not an implicit [Double] → [Double?] conversion, which costs 260 instructions a sample.
        var lines = [
            StackedAreaChart.Line(name: "Go memory", color: ChartPalette.goMemoryLine, style: .dotted, values: breakdown.goMemory.map { $0 }),
            StackedAreaChart.Line(name: "Heap total", color: ChartPalette.heapTotalLine, style: .dotted, values: breakdown.heapTotal.map { $0 }),
        ]
        if breakdown.hasRSS {
            lines.append(StackedAreaChart.Line(name: "RSS", color: ChartPalette.rssLine, style: .solid, values: breakdown.rss))
        }
        if limitIsDrawn(breakdown), let container = breakdown.container {
            lines.append(StackedAreaChart.Line(name: "Container limit (memory.max)", color: ChartPalette.limitLine, style: .dashed,
                                               values: container.limit))
        }
        return StackedAreaChart(
            title: "Go memory of \(breakdown.instance.description) by category over time",
            description: chartDescription(breakdown),
            timestamps: breakdown.timestamps,
            layers: MemoryCategory.allCases.map {
                StackedAreaChart.Layer(name: $0.title, color: ChartPalette.color(for: $0), values: breakdown.categories[$0]!)
            },
            lines: lines,
            markers: breakdown.restarts.map { restart in
                let text = DataNotesText.marker(restart)
                return StackedAreaChart.Marker(time: restart.time, label: text.label, detail: text.detail, color: ChartPalette.restartMarker)
            },
            bands: findings.map { finding in
                StackedAreaChart.Band(start: finding.start, end: finding.end,
                                      label: "\(finding.severity.rawValue.capitalized): \(FindingText(finding: finding, profiles: profiles).title)",
                                      color: ChartPalette.severity(finding.severity.rawValue))
            })
    }

    /// What the chart shows, in one sentence with its figures, for `<desc>`.
    static func chartDescription(_ breakdown: MemoryBreakdown) -> String {
        let peak = breakdown.peakIndex, last = breakdown.lastIndex
        var text = "Eight stacked areas, one per category, from \(UTCTime(unixSeconds: breakdown.timestamps[0]).readable) "
            + "to \(UTCTime(unixSeconds: breakdown.timestamps[last]).readable). Go memory goes from "
            + "\(ByteFormat.string(breakdown.goMemory[0])) to \(ByteFormat.string(breakdown.goMemory[last])), peaking at "
            + "\(ByteFormat.string(breakdown.goMemory[peak])) at \(UTCTime(unixSeconds: breakdown.timestamps[peak]).clock(seconds: true)) UTC."
        if let rss = breakdown.rss[last] { text += " RSS at the end: \(ByteFormat.string(rss))." }
        return text
    }

    /// The highest value the chart draws without a limit line.
    static func chartDataMaximum(_ breakdown: MemoryBreakdown) -> Double {
        max(breakdown.goMemory.max() ?? 0, breakdown.rss.compactMap { $0 }.max() ?? 0)
    }

    /// A limit far above the data would flatten the chart; it is named in the caption instead.
    static func limitIsDrawn(_ breakdown: MemoryBreakdown) -> Bool {
        guard let limit = breakdown.container?.highestLimit else { return false }
        return limit <= 4 * chartDataMaximum(breakdown)
    }

    static func legend(_ breakdown: MemoryBreakdown) -> [LegendEntry] {
        var entries = MemoryCategory.allCases.map { LegendEntry(name: $0.title, swatchSVG: swatch(color: ChartPalette.color(for: $0))) }
        entries.append(LegendEntry(name: "Go memory", swatchSVG: lineSwatch(color: ChartPalette.goMemoryLine, dotted: true)))
        entries.append(LegendEntry(name: "Heap total", swatchSVG: lineSwatch(color: ChartPalette.heapTotalLine, dotted: true)))
        if breakdown.hasRSS {
            entries.append(LegendEntry(name: "RSS", swatchSVG: lineSwatch(color: ChartPalette.rssLine, dotted: false)))
        }
        if limitIsDrawn(breakdown) {
            entries.append(LegendEntry(name: "Container limit (memory.max)", swatchSVG: lineSwatch(color: ChartPalette.limitLine, dotted: false, dashed: true)))
        }
        return entries
    }

    private static func reconciliationTable(last: Reconciliation, peak: Reconciliation) -> ReconciliationTable {
        func row(_ label: String, _ value: (Reconciliation) -> Double?) -> ReconciliationTable.Row {
            func text(_ r: Reconciliation) -> String { value(r).map(ByteFormat.string) ?? "unknown" }
            func exact(_ r: Reconciliation) -> String { value(r).map(ByteFormat.exact) ?? "not recorded" }
            return .init(label: label, atLast: text(last), atPeak: text(peak), exactAtLast: exact(last), exactAtPeak: exact(peak))
        }
        return ReconciliationTable(
            lastHeading: "Last sample, " + UTCTime(unixSeconds: last.timestamp).clock(seconds: true) + " UTC",
            peakHeading: "Go memory peak, " + UTCTime(unixSeconds: peak.timestamp).clock(seconds: true) + " UTC",
            rows: [
                row("RSS (resident set size)") { $0.rss },
                row("Go memory") { $0.goMemory },
                row("Non-Go memory (RSS − Go memory)") { $0.nonGo },
                row("Heap released to the OS (not in Go memory)") { $0.heapReleased },
            ] + processRows(last: last, peak: peak, row: row)
              + (![last.containerCurrent, last.kernel, last.limit, peak.containerCurrent, peak.kernel, peak.limit].contains { $0 != nil } ? [] : [
                row("Container memory (cgroup memory.current)") { $0.containerCurrent },
                row("Kernel memory (cgroup; counts toward an OOM kill)") { $0.kernel },
                row("Container limit (memory.max)") { $0.limit },
            ]),
            lastVerdictHTML: MarkdownHTML.render(GeneratedSummary.verdictSentence(last)),
            peakVerdictHTML: MarkdownHTML.render(GeneratedSummary.verdictSentence(peak)))
    }

    /// The kernel's split of RSS, a row for each part recorded at either point.
    private static func processRows(last: Reconciliation, peak: Reconciliation,
                                    row: (String, (Reconciliation) -> Double?) -> ReconciliationTable.Row) -> [ReconciliationTable.Row] {
        let parts: [(String, (Reconciliation) -> Double?)] = [
            ("RSS: anonymous (RssAnon: Go heap and stacks, cgo, anonymous mmap)", { $0.anonymous }),
            ("RSS: file-backed (RssFile: binary, libraries, mapped files)", { $0.fileBacked }),
            ("RSS: shared memory (RssShmem)", { $0.sharedMemory }),
            ("PSS (smaps_rollup: shared pages split among their processes)", { $0.pss }),
            ("Swapped out (VmSwap)", { $0.swap }),
            ("Highest RSS since the process started (VmHWM)", { $0.peakRSS }),
        ]
        return parts.filter { $0.1(last) != nil || $0.1(peak) != nil }.map { row($0.0, $0.1) }
    }

    /// One table row: a series' last, minimum, maximum and at-peak values.
    private static func row(_ breakdown: MemoryBreakdown, name: String, runtime: String, memStats: String,
                            values: [Double], swatch: String) -> BreakdownRow {
        let stats = SeriesStatistics(values: values, peakIndex: breakdown.peakIndex)
        let goLast = breakdown.goMemory[breakdown.lastIndex]
        return BreakdownRow(
            name: name, swatchSVG: swatch, runtimeMetrics: runtime, memStats: memStats,
            last: ByteFormat.string(stats.last), minimum: ByteFormat.string(stats.minimum),
            maximum: ByteFormat.string(stats.maximum), atPeak: ByteFormat.string(stats.atPeak),
            shareOfLast: goLast > 0 ? ByteFormat.percent(stats.last / goLast) : "–",
            exactLast: ByteFormat.exact(stats.last))
    }

    private static func breakdownRows(_ breakdown: MemoryBreakdown) -> [BreakdownRow] {
        MemoryCategory.allCases.map { category in
            row(breakdown, name: category.title,
                runtime: category.runtimeMetricsClasses.map { "/memory/classes/\($0):bytes" }.joined(separator: ", "),
                memStats: category.memStatsExpression, values: breakdown.categories[category]!,
                swatch: swatch(color: ChartPalette.color(for: category)))
        }
    }

    private static func totalRows(_ breakdown: MemoryBreakdown) -> [BreakdownRow] {
        func row(_ name: String, _ runtime: String, _ memStats: String, _ values: [Double], swatch: String = "") -> BreakdownRow {
            Self.row(breakdown, name: name, runtime: runtime, memStats: memStats, values: values, swatch: swatch)
        }
        var rows = [
            row("Go memory (sum of the categories)", "/memory/classes/total:bytes − /memory/classes/heap/released:bytes",
                "Sys − HeapReleased", breakdown.goMemory, swatch: lineSwatch(color: ChartPalette.goMemoryLine, dotted: true)),
            row("Heap total (objects + reserve)", "heap/objects + heap/free + heap/unused",
                "HeapAlloc + (HeapIdle − HeapReleased) + (HeapInuse − HeapAlloc)", breakdown.heapTotal,
                swatch: lineSwatch(color: ChartPalette.heapTotalLine, dotted: true)),
        ]
        let knownRSS = breakdown.rss.indices.filter { breakdown.rss[$0] != nil }
        if knownRSS.count == breakdown.count {
            rows.append(row("RSS", breakdown.rssSource, "–", breakdown.rss.map { $0! },
                            swatch: lineSwatch(color: ChartPalette.rssLine, dotted: false)))
            rows.append(row("Non-Go memory (RSS − Go memory)", "–", "–", breakdown.nonGo.map { $0! }))
        }
        return rows
    }
}
