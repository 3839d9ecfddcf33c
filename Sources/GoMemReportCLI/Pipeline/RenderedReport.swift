import Analysis
import Render

/// One report rendered in memory, before anything is written: every output a run
/// asked for, and the analysis they were shaped from.
struct RenderedReport {
    var analysis: ReportAnalysis
    var html: String
    /// Always made: `site` lists it in index.json even when no --json is written.
    var summary: ReportSummary
    var markdown: String?
    var email: String?
    /// The ids of the findings that `--fail-on` matched, sorted, without repeats.
    var failing: [String]
}
