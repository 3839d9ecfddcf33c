import ArgumentParser

/// Options every command that renders a report shares.
struct RenderOptions: ParsableArguments {
    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Where to write the HTML report.", valueName: "report.html"))
    var output: String

    @Option(name: .customLong("json"), help: ArgumentHelp("Also write the machine-readable summary (schema gomemreport/summary/v1) here.", valueName: "summary.json"))
    var json: String?

    @Option(name: .customLong("templates"), help: ArgumentHelp("Use the Mustache templates in this folder instead of the bundled ones (page.mustache and its partials).", valueName: "dir"))
    var templates: String?

    @Option(name: .customLong("fail-on"), help: ArgumentHelp(
        "Exit with 3 (after writing the report) when a finding matches: finding ids, comma separated (heap-leak,goroutine-leak), or a severity and worse (critical, warning, info).",
        valueName: "ids|severity"))
    var failOn: FailOnRule?

    @Option(name: .customLong("assets"), help: ArgumentHelp("Use report.css from this folder instead of the bundled stylesheet.", valueName: "dir"))
    var assets: String?
}
