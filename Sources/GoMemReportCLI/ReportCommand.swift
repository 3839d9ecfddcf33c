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
            Prometheus's /api/v1/query_range, notes.md, and the latest and earliest heap and \
            goroutine profiles in pprof/) or a single query_range JSON file.

            Examples:
              gomemreport report recordings/heapleak -o heapleak.html
              gomemreport report query_range.json --instance 10.0.0.7:8080 -o api.html --json api.json
              gomemreport report recordings/heapleak --notes incident.md -o report.html
              gomemreport report recordings/heapleak --templates my-templates --assets my-assets -o branded.html
              gomemreport report recordings/api --profile heap-after.pb.gz --base heap-before.pb.gz -o api.html
            """)

    @Argument(help: ArgumentHelp("A recording folder or a query_range JSON file.", valueName: "recording"))
    var recording: String

    @Option(help: ArgumentHelp("Report only this instance (its instance label, job, or job/instance).", valueName: "instance"))
    var instance: String?

    @Option(help: ArgumentHelp("Markdown to show at the top of the report, instead of the recording's notes.md.", valueName: "notes.md"))
    var notes: String?

    @Option(help: ArgumentHelp("Show this heap or goroutine profile instead of the recording's latest of its kind (repeat for both).", valueName: "profile"))
    var profile: [String] = []

    @Option(help: ArgumentHelp("Diff against this heap or goroutine profile instead of the recording's earliest (repeat for both).", valueName: "profile"))
    var base: [String] = []

    @Flag(help: "Fail on the first bad snapshot file instead of skipping it with a warning.")
    var strict = false

    @Flag(help: "Scale the latest heap profile to the base's total before diffing, as pprof's -normalize, to compare shapes rather than volumes.")
    var normalize = false

    @Option(name: .customLong("max-profile-bytes"), help: ArgumentHelp("Refuse profiles that decompress to more than this many bytes.", valueName: "bytes"))
    var maxProfileBytes: Int = ProfileReader.defaultMaximumBytes

    @OptionGroup var render: RenderOptions

    func run() throws {
        let templates = try TemplateLoading.load(templatesFolder: render.templates, assetsFolder: render.assets)
        let notesText = try notes.map(RecordingFolder.readText)
        var loaded = try RecordingFolder.load(path: recording, maximumProfileBytes: maxProfileBytes, strict: strict)
        for skipped in loaded.skipped {
            Diagnostics.note("warning: skipped \(skipped.description) (--strict stops at such a file)")
        }
        try ProfileChoice.apply(profiles: profile, bases: base, maximumBytes: maxProfileBytes, to: &loaded.profiles)
        if normalize { loaded.profiles.normalizeHeap() }
        try ReportPipeline(recording: loaded, instanceFilter: instance, notes: notesText, templates: templates)
            .run(output: render.output, json: render.json)
    }
}
