import ArgumentParser
import Foundation
import Ingest
import Render

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render one self-contained HTML report from a recording.",
        discussion: """
            RECORDING is a recording folder (it reads prometheus/*.json, the answers of \
            Prometheus's /api/v1/query_range, and notes.md) or a single query_range JSON file.

            Examples:
              gomemreport report recordings/heapleak -o heapleak.html
              gomemreport report query_range.json --instance 10.0.0.7:8080 -o api.html --json api.json
              gomemreport report recordings/heapleak --notes incident.md -o report.html
              gomemreport report recordings/heapleak --templates my-templates --assets my-assets -o branded.html
            """)

    @Argument(help: ArgumentHelp("A recording folder or a query_range JSON file.", valueName: "recording"))
    var recording: String

    @Option(help: ArgumentHelp("Report only this instance (its instance label, job, or job/instance).", valueName: "instance"))
    var instance: String?

    @Option(help: ArgumentHelp("Markdown to show at the top of the report, instead of the recording's notes.md.", valueName: "notes.md"))
    var notes: String?

    @OptionGroup var render: RenderOptions

    func run() throws {
        let templates = try TemplateLoading.load(templatesFolder: render.templates, assetsFolder: render.assets)
        let notesText = try notes.map(RecordingFolder.readText)
        let loaded = try RecordingFolder.load(path: recording)
        try ReportPipeline(recording: loaded, instanceFilter: instance, notes: notesText, templates: templates)
            .run(output: render.output, json: render.json)
    }
}
