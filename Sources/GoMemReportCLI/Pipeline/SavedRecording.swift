import Foundation
import Ingest
import LiveQuery
import MemoryModel
import Publish
import Render

/// `--save-recording DIR`: the answers of a live query as a recording folder, each
/// `prometheus/<name>.json` byte for byte as received, and `recording.json` saying
/// where and when they came from. Header values and the token are never written:
/// they may be secrets; header names are.
struct SavedRecording {
    var server: String
    var plan: PrometheusQueryPlan
    var headerNames: [String]
    var answers: [PrometheusAnswer]

    /// `recording.json`.
    var manifest: QueryManifest {
        QueryManifest(url: server, selector: plan.selector, start: UTCTime(unixSeconds: plan.start).rfc3339,
                 end: UTCTime(unixSeconds: plan.end).rfc3339, step: PrometheusQueryPlan.format(seconds: plan.step),
                 stepSeconds: plan.step, headerNames: headerNames, queries: plan.queries.map(\.promQL),
                 tool: "\(ToolVersion.name) \(ToolVersion.current)")
    }

    func write(to folder: String) throws {
        let manifestBytes = Array(try StableJSON.text(manifest).utf8)
        let files = [(path: "recording.json", bytes: manifestBytes)] + answers.map { (path: $0.recordingPath, bytes: $0.bytes) }
        try AtomicFolderWriter.write(files, to: folder)
    }
}
