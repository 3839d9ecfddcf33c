import Foundation
import ArgumentParser

/// Options every command that renders a report shares.
struct RenderOptions: ParsableArguments {
    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Where to write the HTML report.", valueName: "report.html"))
    var output: String

    @Option(name: .customLong("json"), help: ArgumentHelp("Also write the machine-readable summary (schema gomemreport/summary/v1) here.", valueName: "summary.json"))
    var json: String?

    @Option(name: .customLong("fail-on"), help: ArgumentHelp(
        "Exit with 3 (after writing the report) when a finding matches: finding ids, comma separated (heap-leak,goroutine-leak), or a severity and worse (critical, warning, info).",
        valueName: "ids|severity"))
    var failOn: FailOnRule?

    @OptionGroup var templates: TemplateOptions

    @Option(name: .customLong("markdown"), help: ArgumentHelp("Also write a Markdown summary (findings, key numbers, top growers) for tickets and chat.", valueName: "summary.md"))
    var markdown: String?

    @Option(name: .customLong("email"), help: ArgumentHelp("Also write an email (MIME, .eml): a text and HTML summary with the report attached. Send it with sendmail -t < FILE.", valueName: "report.eml"))
    var email: String?

    @Option(name: .customLong("to"), help: ArgumentHelp("The email's recipient (repeatable).", valueName: "address"))
    var to: [String] = []

    @Option(name: .customLong("from"), help: ArgumentHelp("The email's sender.", valueName: "address"))
    var from: String = "gomemreport <gomemreport@localhost>"

    @Option(name: .customLong("subject"), help: ArgumentHelp("The email's subject (default: the recording and its worst finding).", valueName: "text"))
    var subject: String?

    @Option(name: .customLong("generated-at"), help: ArgumentHelp("The time to date output with (RFC 3339 or Unix seconds); default SOURCE_DATE_EPOCH, else the recording's last sample.", valueName: "time"))
    var generatedAt: String?

    /// The flags as plain settings, with the command's own instance filter and notes.
    func settings(instanceFilter: String? = nil, notes: String? = nil) throws -> ReportSettings {
        ReportSettings(
            output: output, json: json, markdown: markdown,
            email: try email.map { EmailSettings(path: $0, to: to, from: from, subject: subject, date: try generatedAtSeconds()) },
            failOn: failOn, instanceFilter: instanceFilter, notes: notes)
    }

    /// --generated-at, else SOURCE_DATE_EPOCH, in Unix seconds; nil when neither is set.
    func generatedAtSeconds() throws -> Double? {
        if let generatedAt { return try TimeArgument.seconds(generatedAt, option: "--generated-at") }
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] {
            return try TimeArgument.seconds(epoch, option: "SOURCE_DATE_EPOCH")
        }
        return nil
    }
}
