import ArgumentParser
import Render

/// The root command. Subcommands do the work.
public struct GoMemReport: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "gomemreport",
        abstract: "Turn what a Go service records about its memory into a report an on-call engineer can read in two minutes.",
        discussion: """
            The report answers where the memory went (the eight categories of Go memory), how it \
            compares with RSS, and how it moved over time. It is one self-contained HTML file: \
            no network requests, readable with scripts off, printable.

            Examples:
              gomemreport demo -o demo.html
              gomemreport record --url http://127.0.0.1:8080 --duration 10m -o api --then-report api.html
              gomemreport report recordings/heapleak -o heapleak.html --json heapleak.json
              gomemreport site recordings/* -o site
              gomemreport report --help

            Exit codes: 0 success, 1 bad input or a failed run, 2 bad usage, 3 a finding
            matched --fail-on.
            """,
        version: "\(ToolVersion.name) \(ToolVersion.current)",
        subcommands: [RecordCommand.self, ReportCommand.self, CompareCommand.self, SiteCommand.self, ProfileCommand.self, TopCommand.self, DemoCommand.self])

    public init() {}
}
