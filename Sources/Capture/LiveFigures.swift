import Analysis
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
        // The report's own formula (GoMemorySeriesNames), so the status line and the report agree.
        goMemory = GoMemorySeriesNames.goMemory(in: values) ?? goMemory
        rss = values["process_resident_memory_bytes"] ?? rss
        goroutines = GoMemorySeriesNames.goroutineCounts.lazy.compactMap { values[$0] }.first ?? goroutines
    }

    /// From `/debug/vars`: MemStats.
    mutating func update(expvar samples: [ScrapedSample]) {
        let values = Self.values(samples)
        goMemory = GoMemorySeriesNames.goMemory(in: values) ?? goMemory
    }

    /// From `/proc/PID/status`: VmRSS, which is preferred to the exporter's RSS.
    mutating func update(procStatus samples: [ScrapedSample]) {
        rss = Self.values(samples)["proc_vm_rss_bytes"] ?? rss
    }
}
