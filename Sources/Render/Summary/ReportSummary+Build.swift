import Analysis
import Foundation
import MemoryModel

extension ReportSummary {
    /// Summarises an analysed recording (at least one instance).
    public static func build(_ analysis: ReportAnalysis) -> ReportSummary {
        let recording = analysis.recording, breakdowns = analysis.breakdowns, findings = analysis.findings
        let instances = breakdowns.map { Instance(breakdown: $0, recordingLocation: recording.location) }
        let first = instances[0]
        var entries: [Finding] = []
        // In the order the page shows them.
        for (finding, instance) in FindingsSection.ordered(findings: findings, breakdowns: breakdowns) {
            entries.append(Finding(
                id: finding.kind.rawValue, instance: instance.description, severity: finding.severity.rawValue,
                title: FindingText(finding: finding, profiles: recording.profiles).title, confidence: (finding.confidence * 10000).rounded() / 10000,
                window: FindingWindow(start: UTCTime(unixSeconds: finding.start).rfc3339, end: UTCTime(unixSeconds: finding.end).rfc3339),
                evidence: Dictionary(finding.evidence.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }),
                attribution: finding.attribution.map { .init(function: $0.function, file: $0.file, line: $0.line, delta: $0.delta) }))
        }
        var summary = ReportSummary(tool: "\(ToolVersion.name) \(ToolVersion.current)", recording: recording.name,
                                    window: first.window, last: first.last, peak: first.peak,
                                    findings: entries, instances: instances)
        summary.profiles = analysis.profileTotals.map(profileEntry)
        summary.heapDiff = analysis.profileTotals.first { $0.recorded.kind == .heap }.flatMap(heapDiffEntry)
        (summary.goroutines, summary.goroutineDiff) = analysis.goroutines.map(goroutineEntries) ?? (nil, nil)
        summary.inputWarnings = ReportPage.inputWarnings(recording)
        return summary
    }

    /// Pretty-printed JSON with sorted keys, so equal summaries are equal bytes.
    public func jsonText() throws -> String {
        try StableJSON.text(self)
    }
}

extension ReportSummary.Instance {
    init(breakdown: MemoryBreakdown, recordingLocation: String) {
        job = breakdown.instance.job
        instance = breakdown.instance.instance
        source = breakdown.scheme.rawValue
        window = .init(start: UTCTime(unixSeconds: breakdown.timestamps[0]).rfc3339,
                       end: UTCTime(unixSeconds: breakdown.timestamps[breakdown.lastIndex]).rfc3339,
                       samples: breakdown.count)
        last = .init(breakdown: breakdown, index: breakdown.lastIndex)
        peak = .init(breakdown: breakdown, index: breakdown.peakIndex)
        restarts = breakdown.restarts.map { restart in
            let kind: String
            switch restart.evidence {
            case .startTimeChanged: kind = "process-start-time"
            case .commandLineChanged: kind = "cmdline"
            case .counterFell: kind = "counter-reset"
            }
            return ReportSummary.RestartEntry(time: UTCTime(unixSeconds: restart.time).rfc3339, evidence: kind,
                                              detail: DataNotesText.evidence(restart.evidence))
        }
        dataNotes = breakdown.notes.map(\.id)
        func relative(_ files: [String]) -> [String] {
            files.map { DataNotesText.files([$0], recordingLocation: recordingLocation) }
        }
        sources = ReportSummary.SourcesEntry(categories: relative(breakdown.sources.categories), rss: relative(breakdown.sources.rss),
                                             container: relative(breakdown.sources.container),
                                             process: relative(breakdown.sources.process))
        // Wrapped (null when absent): set once the plain fields are.
        gcCycles = breakdown.gcCycles.map { Int64(min(max($0.rounded(), 0), 9.2e18)) }
    }
}

extension ReportSummary.Point {
    init(breakdown: MemoryBreakdown, index: Int) {
        let reconciliation = Reconciliation(breakdown: breakdown, index: index)
        // Clamped: a hostile input must not trap the conversion.
        func bytes(_ value: Double) -> Int64 { value.isNaN ? 0 : Int64(max(min(value.rounded(), 9.2e18), -9.2e18)) }
        time = UTCTime(unixSeconds: breakdown.timestamps[index]).rfc3339
        goTotalBytes = bytes(breakdown.goMemory[index])
        heapTotalBytes = bytes(breakdown.value(.heapObjects, at: index) + breakdown.value(.heapReserve, at: index))
        heapReleasedBytes = bytes(breakdown.heapReleased[index])
        rssVerdict = reconciliation.verdict.rawValue
        categories = Dictionary(uniqueKeysWithValues: MemoryCategory.allCases.map { ($0.key, bytes(breakdown.value($0, at: index))) })
        // Wrapped (null when absent): set once the plain fields are.
        rssBytes = reconciliation.rss.map(bytes)
        nonGoBytes = reconciliation.nonGo.map(bytes)
        goToRSSRatio = reconciliation.ratio.map { ($0 * 10000).rounded() / 10000 }
        containerBytes = reconciliation.containerCurrent.map(bytes)
        kernelBytes = reconciliation.kernel.map(bytes)
        containerLimitBytes = reconciliation.limit.map(bytes)
    }
}
