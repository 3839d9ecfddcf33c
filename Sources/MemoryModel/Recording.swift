/// Everything read from one recording: its series grouped by instance, and the
/// user's notes. A pure value: readers in Ingest build it, analysis consumes it.
public struct Recording: Sendable, Equatable {
    /// A short name for the recording, usually its folder name.
    public var name: String
    /// Where the recording was read from, as the user named it (a folder or a file).
    public var location: String
    /// The files the series were read from, relative to `location`, in the order read.
    public var sourceFiles: [String]
    /// One entry per scraped process, sorted by job then instance.
    public var instances: [InstanceSeries]
    /// Markdown the user wrote about the recording (`notes.md`), if any.
    public var notes: String?
    /// The heap and goroutine profiles the report shows.
    public var profiles: ProfileSet = ProfileSet()
    /// Bad files that were skipped (a few bad snapshots among many), to warn about.
    public var skipped: [InputError] = []
    /// Series that were repaired on reading (samples sorted, duplicates dropped), to
    /// warn about and to list in the report.
    public var warnings: [InputWarning] = []
    /// How the recording was made, when its writer left a manifest (`recording.json`),
    /// or a live query says.
    public var provenance: RecordingProvenance?

    public init(name: String, location: String, sourceFiles: [String], series: [MetricSeries], notes: String? = nil) {
        self.name = name
        self.location = location
        self.sourceFiles = sourceFiles
        self.notes = notes
        var grouped: [InstanceID: [MetricSeries]] = [:]
        for one in series { grouped[one.instance, default: []].append(one) }
        self.instances = grouped.keys.sorted().map { InstanceSeries(id: $0, series: grouped[$0]!) }
    }
}
