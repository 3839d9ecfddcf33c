import Capture
import Foundation
import Ingest

/// What `record` says and does once the recorder has ended: one closing line, a
/// failure when nothing usable was recorded, and the report of `--then-report`.
struct RecordingReport {
    var folder: String
    var outcome: RecordingOutcome
    var quiet: Bool

    /// `failOn` applies to the `thenReport` page.
    func conclude(thenReport: String?, failOn: FailOnRule?) throws {
        let manifest = outcome.manifest
        if !quiet {
            let errors = manifest.errorCount == 0 ? "no errors" : "\(manifest.errorCount) error\(manifest.errorCount == 1 ? "" : "s"), see recording.json"
            Diagnostics.note("recorded \(manifest.samples.taken) sample\(manifest.samples.taken == 1 ? "" : "s") and \(manifest.profileRounds.count) profile round\(manifest.profileRounds.count == 1 ? "" : "s") into \(folder) (\(manifest.state.rawValue), \(errors))")
        }
        if outcome.savedSamples == 0 {
            throw RecordFailure(message: "nothing recorded from \(manifest.target.url): \(outcome.emptyReason ?? "no answer"); \(folder)/recording.json lists what was tried")
        }
        guard let thenReport else { return }
        let recording = try RecordingFolder.load(path: folder)
        let templates = try TemplateLoading.load(templatesFolder: nil, assetsFolder: nil)
        try ReportPipeline(templates: templates).run(recording, settings: ReportSettings(output: thenReport, failOn: failOn))
    }
}
