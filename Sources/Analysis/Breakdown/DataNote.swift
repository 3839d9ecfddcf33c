/// Something about an instance's data that a reader of the report should know because
/// it changes what the numbers mean: a metric the exporter did not provide and what was
/// done instead, or samples left out as impossible. Render turns each into a sentence;
/// `id` is stable and goes into the JSON summary.
public enum DataNote: Sendable, Equatable {
    /// runtime/metrics classes absent, so MemStats gave the categories.
    case memStatsFallback
    /// An older exporter's name (`legacy`) was read in place of today's (`current`).
    case legacyName(current: String, legacy: String)
    /// No RSS series at all, so Go memory cannot be reconciled with RSS.
    case noRSS
    /// `go_gc_gogc_percent` and/or `go_gc_gomemlimit_bytes` absent (Go before 1.21),
    /// with the Go version from `go_info` when known.
    case noGCSettings(missing: [String], goVersion: String?)
    /// `go_gc_heap_live_bytes` (`/gc/heap/live:bytes`, Go 1.21+) absent.
    case noLiveHeap(goVersion: String?)
    /// `go_gc_heap_live_bytes` present: heap trends are judged on it.
    case liveHeapMeasured
    /// `/cpu/classes/gc/total:cpu-seconds` (Go 1.20+) absent; `hasExpvar` when expvar's
    /// `GCCPUFraction` stands in.
    case noGCCPU(goVersion: String?, hasExpvar: Bool)
    /// `/sched/goroutines/{waiting,runnable,running,not-in-go}` (Go 1.26+) absent.
    case noSchedulerStates(goVersion: String?)
    /// Samples where these series were above 2^63 (a uint64 underflow) were left out.
    case underflow(series: [String], samples: Int, firstTime: Double)

    public var id: String {
        switch self {
        case .memStatsFallback: return "memstats-fallback"
        case .legacyName: return "legacy-metric-name"
        case .noRSS: return "no-rss"
        case .noGCSettings: return "no-gc-settings"
        case .noLiveHeap: return "no-live-heap"
        case .liveHeapMeasured: return "live-heap-measured"
        case .noGCCPU: return "no-gc-cpu"
        case .noSchedulerStates: return "no-goroutine-states"
        case .underflow: return "heap-unused-underflow"
        }
    }
}
