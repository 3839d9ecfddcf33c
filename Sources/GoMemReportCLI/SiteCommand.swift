import ArgumentParser
import Foundation
import Ingest

struct SiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Render a static site: one report page per recording and an index of every instance, worst first.",
        discussion: """
            Pages are named after their recordings (a slug of the folder name), links are \
            relative, and index.json lists every page with its JSON summary. Recordings are \
            rendered concurrently; one that fails is listed on the index with its error, the \
            rest of the site is built, and the exit code is 1. The new site replaces the old \
            one only when complete.

            Examples:
              gomemreport site recordings/* -o site
              gomemreport site recordings/api-1 recordings/api-2 -o /srv/www/memory --title "API memory" --jobs 4
            """)

    @Argument(help: ArgumentHelp("Recording folders (or query_range JSON files).", valueName: "recording"))
    var recordings: [String]

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The site's folder (new, empty, or a site this command built).", valueName: "dir"))
    var output: String

    @Option(help: ArgumentHelp("Recordings rendered at once (default: the number of cores).", valueName: "n"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("The index page's title.", valueName: "text"))
    var title: String = "Go memory reports"

    @Flag(help: "Fail a recording on its first bad snapshot file instead of skipping the file.")
    var strict = false

    @OptionGroup(title: "Input limits") var inputLimits: InputLimitOptions

    @Option(name: .customLong("templates"), help: ArgumentHelp("Use the Mustache templates in this folder instead of the bundled ones.", valueName: "dir"))
    var templates: String?

    @Option(name: .customLong("assets"), help: ArgumentHelp("Use report.css from this folder instead of the bundled stylesheet.", valueName: "dir"))
    var assets: String?

    func validate() throws {
        guard !recordings.isEmpty else { throw ValidationError("Give at least one recording.") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1.") }
    }

    func run() throws {
        let templates = try TemplateLoading.load(templatesFolder: templates, assetsFolder: assets)
        let failed = try SiteBuilder(recordings: recordings, output: output, title: title, jobs: jobs, strict: strict,
                                     limits: try inputLimits.limits(), templates: templates).build()
        if failed > 0 { throw ExitCode(1) }
    }
}
