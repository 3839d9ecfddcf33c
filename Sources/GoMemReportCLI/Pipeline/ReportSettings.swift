/// What one report run writes and when it fails, as plain values: `report` and `demo`
/// take them from their flags, `record --then-report` and `site` set them directly.
struct ReportSettings: Sendable {
    /// The HTML page.
    var output: String
    /// The JSON summary (schema gomemreport/summary/v1).
    var json: String?
    /// The Markdown digest.
    var markdown: String?
    var email: EmailSettings?
    /// Findings that make the run exit with 3 after everything is written.
    var failOn: FailOnRule?
    /// Picks instances by `instance`, `job` or `job/instance`; nil keeps all.
    var instanceFilter: String?
    /// Markdown that replaces the recording's own notes.
    var notes: String?

    init(output: String, json: String? = nil, markdown: String? = nil, email: EmailSettings? = nil,
         failOn: FailOnRule? = nil, instanceFilter: String? = nil, notes: String? = nil) {
        self.output = output
        self.json = json
        self.markdown = markdown
        self.email = email
        self.failOn = failOn
        self.instanceFilter = instanceFilter
        self.notes = notes
    }
}
