import Ingest

/// The few numbers the status line shows and the recorder steers by, read from the
/// last answers: Go memory (`total − heap/released`, or `Sys − HeapReleased`), RSS and
/// goroutines. Each keeps its last known value when an answer lacks it.
public struct LiveFigures: Sendable, Equatable {
    public var goMemory: Double?
    public var rss: Double?
    public var goroutines: Double?

    public init() {}

    private static func values(_ samples: [ScrapedSample]) -> [String: Double] {
        var values: [String: Double] = [:]
        for sample in samples where values[sample.name] == nil { values[sample.name] = sample.value }
        return values
    }

    /// From a `/metrics` scrape: runtime/metrics where exported, else MemStats gauges.
    mutating func update(scrape samples: [ScrapedSample]) {
        let values = Self.values(samples)
        if let total = values["go_memory_classes_total_bytes"], let released = values["go_memory_classes_heap_released_bytes"] {
            goMemory = total - released
        } else if let sys = values["go_memstats_sys_bytes"], let released = values["go_memstats_heap_released_bytes"] {
            goMemory = sys - released
        }
        rss = values["process_resident_memory_bytes"] ?? rss
        goroutines = values["go_goroutines"] ?? values["go_sched_goroutines_goroutines"] ?? goroutines
    }

    /// From `/debug/vars`: MemStats.
    mutating func update(expvar samples: [ScrapedSample]) {
        let values = Self.values(samples)
        if let sys = values["go_memstats_sys_bytes"], let released = values["go_memstats_heap_released_bytes"] {
            goMemory = sys - released
        }
    }

    /// From `/proc/PID/status`: VmRSS, which is preferred to the exporter's RSS.
    mutating func update(procStatus samples: [ScrapedSample]) {
        rss = Self.values(samples)["proc_vm_rss_bytes"] ?? rss
    }
}
