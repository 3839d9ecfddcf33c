/// How much of each input gomemreport is willing to read, so hostile or broken input
/// (a 100 MB line, a gzip bomb, millions of empty series) fails with one line naming the
/// file instead of exhausting memory or time. Each has a `--max-*` flag to raise it for
/// a genuine input that is bigger.
///
/// The defaults keep every input of the hostile corpus (`Tests/Fixtures/hostile`) under
/// 512 MiB of peak memory; each stays well above what a real recording needs (a week of
/// 10 s samples is a 25 MB query_range answer, a scrape a few hundred KB, a line of a
/// goroutine dump a few KB).
public struct InputLimits: Sendable, Equatable {
    /// The largest file read (`--max-input-bytes`): a query_range answer, a snapshot,
    /// `recording.json`, notes. Checked against the file's size before reading it.
    public var maximumInputBytes: Int
    /// The longest line of a text input (scrapes, expvar bodies, `/proc`, cgroup files,
    /// text profiles, notes) and the longest string of a query_range answer
    /// (`--max-line-bytes`). Checked before parsing, at memory speed.
    public var maximumLineBytes: Int
    /// The most series one recording may hold (`--max-series`): each costs some 500
    /// bytes however few samples it has, so an answer of empty series is a memory bomb.
    public var maximumSeries: Int
    /// The largest profile, after decompression (`--max-profile-bytes`). Analysing a
    /// profile takes about ten times its decompressed size, so 256 MiB already means
    /// some 2.5 GiB of memory.
    public var maximumProfileBytes: Int

    public static let defaultMaximumInputBytes = 1 << 30
    public static let defaultMaximumLineBytes = 1 << 20
    public static let defaultMaximumSeries = 200_000
    public static let defaultMaximumProfileBytes = 256 << 20

    public init(maximumInputBytes: Int = defaultMaximumInputBytes, maximumLineBytes: Int = defaultMaximumLineBytes,
                maximumSeries: Int = defaultMaximumSeries, maximumProfileBytes: Int = defaultMaximumProfileBytes) {
        self.maximumInputBytes = maximumInputBytes
        self.maximumLineBytes = maximumLineBytes
        self.maximumSeries = maximumSeries
        self.maximumProfileBytes = maximumProfileBytes
    }

    /// The defaults.
    public static let standard = InputLimits()
}
