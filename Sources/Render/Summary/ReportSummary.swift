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
        @NullWhenAbsent public var rssBytes: Int64? = nil
        @NullWhenAbsent public var nonGoBytes: Int64? = nil
        public var heapReleasedBytes: Int64
        /// go memory ÷ RSS, null when RSS is unknown.
        @NullWhenAbsent public var goToRSSRatio: Double? = nil
        /// One of `close`, `go-far-above-rss`, `go-far-below-rss`, `rss-unknown`.
        public var rssVerdict: String
        public var categories: [String: Int64]
        /// cgroup v2: memory.current, kernel memory and memory.max; null without cgroup
        /// files (and the limit null when there is none).
        @NullWhenAbsent public var containerBytes: Int64? = nil
        @NullWhenAbsent public var kernelBytes: Int64? = nil
        @NullWhenAbsent public var containerLimitBytes: Int64? = nil

        enum CodingKeys: String, CodingKey {
            case time, categories
            case goTotalBytes = "go_total_bytes", heapTotalBytes = "heap_total_bytes", rssBytes = "rss_bytes"
            case nonGoBytes = "non_go_bytes", heapReleasedBytes = "heap_released_bytes"
            case goToRSSRatio = "go_to_rss_ratio", rssVerdict = "rss_verdict"
            case containerBytes = "container_bytes", kernelBytes = "kernel_bytes", containerLimitBytes = "container_limit_bytes"
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
        @NullWhenAbsent public var gcCycles: Int64? = nil
        /// Ids of `DataNote`s: what the data lacked and what was done instead.
        public var dataNotes: [String]
        /// The files each part was read from, relative to the recording.
        public var sources: SourcesEntry

        enum CodingKeys: String, CodingKey {
            case job, instance, source, window, last, peak, restarts, sources
            case gcCycles = "gc_cycles", dataNotes = "data_notes"
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
    @NullWhenAbsent public var heapDiff: HeapDiffEntry? = nil
    /// Goroutine groups of the latest goroutine profile; null without one.
    @NullWhenAbsent public var goroutines: GoroutinesEntry? = nil
    /// How goroutine groups changed; null without two goroutine profiles.
    @NullWhenAbsent public var goroutineDiff: GoroutineDiffEntry? = nil
    /// Input repaired or skipped while reading, one line each.
    public var inputWarnings: [String] = []

    enum CodingKeys: String, CodingKey {
        case schema, tool, recording, window, last, peak, findings, instances, profiles
        case heapDiff = "heap_diff", goroutines, goroutineDiff = "goroutine_diff", inputWarnings = "input_warnings"
    }
}
