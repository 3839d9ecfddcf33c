import Analysis
import Foundation
import Ingest
import LiveQuery
import MemoryModel
import Publish
import Render

/// `report --prometheus`: queries the server for every series a report reads, passes
/// its warnings on, saves the answers when asked, and builds the recording from them
/// through the same path as a recording folder.
struct LiveReportSource {
    var options: LiveSourceOptions
    /// What to ask for; nil: the options' own selector and range.
    var plan: PrometheusQueryPlan? = nil
    /// The recording's name; nil: the saved folder's, else the server's.
    var name: String? = nil

    func recording() throws -> Recording {
        let plan = try self.plan ?? options.plan(names: ReportedSeriesNames.exported, now: Date().timeIntervalSince1970)
        if let folder = options.saveRecording { try AtomicFolderWriter.checkTarget(folder) }
        let configuration = try options.configuration(environment: ProcessInfo.processInfo.environment)
        let client = PrometheusClient(configuration)
        let answers = try client.fetch(plan)
        var warned: Set<String> = []
        for warning in answers.flatMap(\.warnings) where warned.insert(warning).inserted {
            Diagnostics.note("warning: \(client.server) said: \(warning)")
        }
        let name: String
        if let given = self.name {
            name = given
        } else if let folder = options.saveRecording {
            name = URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent
        } else {
            name = configuration.baseURL.host.map { host in configuration.baseURL.port.map { "\(host):\($0)" } ?? host } ?? client.server
        }
        var recording = try RecordingFolder.recording(name: name, location: options.saveRecording ?? client.server, answers: answers) {
            "\(client.displayURL) (\($0.query))"
        }
        let saved = SavedRecording(server: client.server, plan: plan, headerNames: configuration.headers.map(\.name), answers: answers)
        // What the saved folder's recording.json will say, so the live page and the page
        // rendered again from the folder are the same.
        recording.provenance = .queried(saved.manifest)
        guard !recording.instances.isEmpty else {
            let selector = plan.selector.isEmpty ? "any labels" : plan.selector
            throw InputError(file: client.displayURL, reason: "no Go memory series matched \(selector) between \(UTCTime(unixSeconds: plan.start).rfc3339) and \(UTCTime(unixSeconds: plan.end).rfc3339): check --selector labels and the time range")
        }
        if let folder = options.saveRecording {
            try saved.write(to: folder)
            Diagnostics.note("saved the answers in \(folder) (gomemreport report \(folder) renders them again)")
        }
        return recording
    }
}
