import Analysis
import MemoryModel

/// The analysis stage of one report: the Go instances' breakdowns and findings, as the
/// `report` and `site` commands both need them.
///
/// Instances without a complete set of Go memory series (another job scraped alongside)
/// are left out and listed in `skipped`; when no instance has one, the breakdown's own
/// error for the first says what is missing.
struct RecordingAnalysis {
    let breakdowns: [MemoryBreakdown]
    let findings: [[Finding]]
    let skipped: [InstanceID]

    init(recording: Recording, instances: [InstanceSeries]) throws {
        let go = instances.filter { MemoryBreakdown.availableScheme(in: $0) != nil }
        let kept = go.isEmpty ? instances : go
        skipped = go.isEmpty ? [] : instances.filter { MemoryBreakdown.availableScheme(in: $0) == nil }.map(\.id)
        breakdowns = try kept.map { try MemoryBreakdown.compute(from: $0, file: $0.series.first?.origin.file ?? recording.location) }
        findings = RecordingFindings.compute(recording: recording, breakdowns: breakdowns)
    }
}
