/// Where a recording's data lies: the parts of a recording folder, or sources given
/// one by one on the command line.
public struct RecordingSources: Sendable {
    public var name: String
    /// The folder or file to name in errors.
    public var location: String
    /// query_range answers: the path to read and the label to show.
    public var prometheusAnswers: [(path: String, label: String)]
    /// Folders of `/metrics` scrapes, `/debug/vars` bodies, `/proc/PID/status` files
    /// and cgroup v2 files, each named by its UTC stamp.
    public var scrapes: String?
    public var expvar: String?
    public var proc: String?
    public var cgroup: String?
    public var notes: String?

    public init(name: String, location: String, prometheusAnswers: [(path: String, label: String)] = [], scrapes: String? = nil,
                expvar: String? = nil, proc: String? = nil, cgroup: String? = nil, notes: String? = nil) {
        self.name = name
        self.location = location
        self.prometheusAnswers = prometheusAnswers
        self.scrapes = scrapes
        self.expvar = expvar
        self.proc = proc
        self.cgroup = cgroup
        self.notes = notes
    }

    /// `metrics/*.prom` inside a recording, else the folder as given.
    func label(for folder: String, kind: SnapshotFolder.Kind) -> String {
        let inRecording = folder.hasSuffix("/" + kind.rawValue) || folder == kind.rawValue
        return inRecording ? "\(kind.rawValue)/*\(kind.fileExtensions[0])" : folder
    }
}
