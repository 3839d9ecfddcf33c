import Foundation
import Ingest
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
    struct Manifest: Encodable {
        var schema = "gomemreport/recording/v1"
        var source = "prometheus"
        var url: String
        var selector: String
        var start: String
        var end: String
        var step: String
        var stepSeconds: Double
        var headerNames: [String]
        var queries: [String]
        var tool: String

        enum CodingKeys: String, CodingKey {
            case schema, source, url, selector, start, end, step, tool, queries
            case stepSeconds = "step_seconds", headerNames = "header_names"
        }
    }

    var manifest: Manifest {
        Manifest(url: server, selector: plan.selector, start: UTCTime(unixSeconds: plan.start).rfc3339,
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
