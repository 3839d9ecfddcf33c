import Analysis
import MemoryModel

/// The machine-readable summary written by `--json`, schema `gomemreport/summary/v1`.
///
/// The top-level `window`, `last` and `peak` describe the first instance (the only one
/// in the common case); `instances` lists every instance with the same fields. Byte
/// counts are integers; unknown values are `null`, never omitted. The README documents
/// the schema; a change that removes or renames a field needs a new version.
public struct ReportSummary: Encodable, Sendable {
    public static let schemaName = "gomemreport/summary/v1"

    public struct Window: Encodable, Sendable {
        public var start: String
        public var end: String
        public var samples: Int
    }

    public struct Point: Encodable, Sendable {
        public var time: String
        public var goTotalBytes: Int64
        public var heapTotalBytes: Int64
        public var rssBytes: Int64?
        public var nonGoBytes: Int64?
        public var heapReleasedBytes: Int64
        /// go memory ÷ RSS, null when RSS is unknown.
        public var goToRSSRatio: Double?
        /// One of `close`, `go-far-above-rss`, `go-far-below-rss`, `rss-unknown`.
        public var rssVerdict: String
        public var categories: [String: Int64]
        /// cgroup v2: memory.current, kernel memory and memory.max; null without cgroup
        /// files (and the limit null when there is none).
        public var containerBytes: Int64?
        public var kernelBytes: Int64?
        public var containerLimitBytes: Int64?

        enum CodingKeys: String, CodingKey {
            case time, categories
            case goTotalBytes = "go_total_bytes", heapTotalBytes = "heap_total_bytes", rssBytes = "rss_bytes"
            case nonGoBytes = "non_go_bytes", heapReleasedBytes = "heap_released_bytes"
            case goToRSSRatio = "go_to_rss_ratio", rssVerdict = "rss_verdict"
            case containerBytes = "container_bytes", kernelBytes = "kernel_bytes", containerLimitBytes = "container_limit_bytes"
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(time, forKey: .time)
            try container.encode(goTotalBytes, forKey: .goTotalBytes)
            try container.encode(heapTotalBytes, forKey: .heapTotalBytes)
            try container.encode(rssBytes, forKey: .rssBytes)
            try container.encode(nonGoBytes, forKey: .nonGoBytes)
            try container.encode(heapReleasedBytes, forKey: .heapReleasedBytes)
            try container.encode(goToRSSRatio, forKey: .goToRSSRatio)
            try container.encode(rssVerdict, forKey: .rssVerdict)
            try container.encode(categories, forKey: .categories)
            try container.encode(containerBytes, forKey: .containerBytes)
            try container.encode(kernelBytes, forKey: .kernelBytes)
            try container.encode(containerLimitBytes, forKey: .containerLimitBytes)
        }
    }

    public struct Instance: Encodable, Sendable {
        public var job: String
        public var instance: String
        public var source: String
        public var window: Window
        public var last: Point
        public var peak: Point
        /// Restarts inside the window, in time order.
        public var restarts: [RestartEntry]
        /// GC cycles completed in the window (counter resets handled); null when the
        /// GC cycle counter was not recorded.
        public var gcCycles: Int64?
        /// Ids of `DataNote`s: what the data lacked and what was done instead.
        public var dataNotes: [String]
        /// The files each part was read from, relative to the recording.
        public var sources: SourcesEntry

        enum CodingKeys: String, CodingKey {
            case job, instance, source, window, last, peak, restarts, sources
            case gcCycles = "gc_cycles", dataNotes = "data_notes"
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(job, forKey: .job)
            try c.encode(instance, forKey: .instance)
            try c.encode(source, forKey: .source)
            try c.encode(window, forKey: .window)
            try c.encode(last, forKey: .last)
            try c.encode(peak, forKey: .peak)
            try c.encode(restarts, forKey: .restarts)
            try c.encode(gcCycles, forKey: .gcCycles)
            try c.encode(dataNotes, forKey: .dataNotes)
            try c.encode(sources, forKey: .sources)
        }
    }

    public struct RestartEntry: Encodable, Sendable {
        public var time: String
        /// `process-start-time`, `cmdline` or `counter-reset`.
        public var evidence: String
        public var detail: String
    }

    public struct SourcesEntry: Encodable, Sendable {
        public var categories: [String]
        public var rss: [String]
        public var container: [String]
        public var process: [String]
    }

    /// A finding (diagnosis), as CI keys on it.
    public struct Finding: Encodable, Sendable {
        public struct Attribution: Encodable, Sendable {
            public var function: String
            public var file: String
            public var line: Int64
            public var delta: Int64
        }
        public var id: String
        /// `job/instance` of the instance it concerns.
        public var instance: String
        public var severity: String
        public var title: String
        public var confidence: Double
        public var window: FindingWindow
        /// Numbers with their units in their names, e.g. `rate_bytes_per_hour`.
        public var evidence: [String: Double]
        public var attribution: [Attribution]
    }

    public struct FindingWindow: Encodable, Sendable {
        public var start: String
        public var end: String
    }

    public var schema: String = ReportSummary.schemaName
    public var tool: String
    public var recording: String
    public var window: Window
    public var last: Point
    public var peak: Point
    public var findings: [Finding]
    public var instances: [Instance]
    /// The heap and goroutine profiles the report used (latest of each).
    public var profiles: [ProfileEntry] = []
    /// Latest heap profile − earliest; null without two heap profiles.
    public var heapDiff: HeapDiffEntry?
    /// Goroutine groups of the latest goroutine profile; null without one.
    public var goroutines: GoroutinesEntry?
    /// How goroutine groups changed; null without two goroutine profiles.
    public var goroutineDiff: GoroutineDiffEntry?
    /// Input repaired or skipped while reading, one line each.
    public var inputWarnings: [String] = []

    enum CodingKeys: String, CodingKey {
        case schema, tool, recording, window, last, peak, findings, instances, profiles
        case heapDiff = "heap_diff", goroutines, goroutineDiff = "goroutine_diff", inputWarnings = "input_warnings"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(tool, forKey: .tool)
        try c.encode(recording, forKey: .recording)
        try c.encode(window, forKey: .window)
        try c.encode(last, forKey: .last)
        try c.encode(peak, forKey: .peak)
        try c.encode(findings, forKey: .findings)
        try c.encode(instances, forKey: .instances)
        try c.encode(profiles, forKey: .profiles)
        try c.encode(heapDiff, forKey: .heapDiff)
        try c.encode(goroutines, forKey: .goroutines)
        try c.encode(goroutineDiff, forKey: .goroutineDiff)
        try c.encode(inputWarnings, forKey: .inputWarnings)
    }
}
