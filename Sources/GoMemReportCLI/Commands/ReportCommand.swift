import ArgumentParser
import Foundation
import Ingest
import MemoryModel
import Render

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render one self-contained HTML report from a recording.",
        discussion: """
            RECORDING is a recording folder (it reads prometheus/*.json, the answers of \
            Prometheus's /api/v1/query_range, notes.md, and the latest and earliest heap and \
            goroutine profiles in pprof/) or a single query_range JSON file.

            With --prometheus URL it queries a live Prometheus-compatible server instead \
            (Prometheus, Thanos, Mimir, Cortex, VictoriaMetrics): one /api/v1/query_range per \
            metric the report reads, NAME + --selector, over --since .. --until (default now). \
            A bearer token is read from $GOMEMREPORT_PROMETHEUS_TOKEN (never printed nor saved); \
            other credentials go in --header. --save-recording DIR keeps the answers as a \
            recording folder that renders the same report offline.

            Examples:
              gomemreport report recordings/heapleak -o heapleak.html
              gomemreport report query_range.json --instance 10.0.0.7:8080 -o api.html --json api.json
              gomemreport report recordings/heapleak --notes incident.md -o report.html
              gomemreport report recordings/heapleak --templates my-templates --assets my-assets -o branded.html
              gomemreport report recordings/api --profile heap-after.pb.gz --base heap-before.pb.gz -o api.html
              gomemreport report --expvar vars/ --proc status/ --cgroup cgroup/ -o api.html
              gomemreport report --prometheus http://prom:9090 --selector '{job="api"}' \\
                --since 6h -o api.html
              gomemreport report --prometheus http://mimir/prometheus --since 1d \\
                --header 'X-Scope-OrgID: team-a' --selector '{job="api"}' \\
                --save-recording incident-4711 -o api.html --json api.json
              GOMEMREPORT_PROMETHEUS_TOKEN=… gomemreport report --prometheus \\
                https://thanos.example --since 2026-11-28T07:00:00Z \\
                --until 2026-11-28T09:00:00Z --step 15s -o api.html
            """)

    @Argument(help: ArgumentHelp("A recording folder or a query_range JSON file (or give sources with the options below).", valueName: "recording"))
    var recording: String?

    @Option(name: .customLong("prometheus-json"), help: ArgumentHelp("A query_range answer to read (repeatable).", valueName: "file"))
    var prometheusJSON: [String] = []

    @Option(help: ArgumentHelp("A folder of /metrics scrapes named by UTC stamp (YYYYMMDDTHHMMSSmmmZ.prom).", valueName: "dir"))
    var scrapes: String?

    @Option(help: ArgumentHelp("A folder of /debug/vars bodies named by UTC stamp (.json).", valueName: "dir"))
    var expvar: String?

    @Option(help: ArgumentHelp("A folder of /proc/PID/status files named by UTC stamp (.status); their VmRSS is the RSS.", valueName: "dir"))
    var proc: String?

    @Option(help: ArgumentHelp("A folder of cgroup v2 memory.stat/.current/.max files named by UTC stamp.", valueName: "dir"))
    var cgroup: String?

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

    @OptionGroup(title: "Input limits") var inputLimits: InputLimitOptions

    @OptionGroup var render: RenderOptions

    @OptionGroup(title: "Live query") var live: LiveSourceOptions

    private var sourceOptions: [String] { prometheusJSON + [scrapes, expvar, proc, cgroup].compactMap { $0 } }

    func validate() throws {
        if live.prometheus != nil {
            if recording != nil || !sourceOptions.isEmpty {
                throw ValidationError("--prometheus queries a server: give no recording and none of --prometheus-json/--scrapes/--expvar/--proc/--cgroup with it.")
            }
            return
        }
        if recording != nil && !sourceOptions.isEmpty {
            throw ValidationError("Give a recording, or sources with --prometheus-json/--scrapes/--expvar/--proc/--cgroup, not both.")
        }
        if recording == nil && prometheusJSON.isEmpty && scrapes == nil && expvar == nil {
            throw ValidationError("Give a recording, memory sources with --prometheus-json, --scrapes or --expvar, or a server with --prometheus URL.")
        }
    }

    func run() throws {
        let templates = try render.templates.load()
        let limits = try inputLimits.limits()
        let notesText = try notes.map { try InputFile.notes($0, limits: limits) }
        var loaded: Recording
        if live.prometheus != nil {
            loaded = try LiveReportSource(options: live).recording()
        } else if let recording {
            loaded = try RecordingFolder.load(path: recording, limits: limits, strict: strict)
        } else {
            loaded = try RecordingFolder.assemble(sources, strict: strict, limits: limits)
        }
        for skipped in loaded.skipped {
            Diagnostics.note("warning: skipped \(skipped.description) (--strict stops at such a file)")
        }
        for repaired in loaded.warnings {
            Diagnostics.note("warning: repaired \(repaired.description)")
        }
        try ProfileChoice.apply(profiles: profile, bases: base, limits: limits, to: &loaded.profiles)
        if normalize { loaded.profiles.normalizeHeap() }
        try ReportPipeline(templates: templates).run(loaded, settings: try render.settings(instanceFilter: instance, notes: notesText))
    }

    /// The sources given one by one, named after the first of them.
    private var sources: RecordingSources {
        let first = sourceOptions[0]
        let name = URL(fileURLWithPath: first).standardizedFileURL.deletingPathExtension().lastPathComponent
        return RecordingSources(
            name: name, location: first,
            prometheusAnswers: prometheusJSON.map { (path: $0, label: $0) },
            scrapes: scrapes, expvar: expvar, proc: proc, cgroup: cgroup)
    }
}
