import MemoryModel

/// Go memory split into the eight categories at every sample of one instance, with
/// RSS beside it where the recording has it.
///
/// Contract: `categories[c][i]` summed over the eight categories equals `goMemory[i]`
/// (the runtime's own snapshot guarantees it; tests check it on every recording), and
/// every array has `timestamps.count` elements.
public struct MemoryBreakdown: Sendable, Equatable {
    public let instance: InstanceID
    /// The naming scheme the numbers came from.
    public let scheme: MetricScheme
    /// Sample times (Unix seconds) at which every memory class had a value.
    public let timestamps: [Double]
    /// One array per category, indexed like `timestamps`.
    public let categories: [MemoryCategory: [Double]]
    /// Go memory: `total − heap/released` (or `Sys − HeapReleased`).
    public let goMemory: [Double]
    /// Heap memory returned to the OS: mapped, but not counted in Go memory.
    public let heapReleased: [Double]
    /// Resident set size at each sample, nil where the recording has none.
    public let rss: [Double?]
    /// Where RSS came from, for people: `process_resident_memory_bytes`, or
    /// `VmRSS in /proc/PID/status`.
    public var rssSource: String = "process_resident_memory_bytes"
    /// The container's memory, when the recording has cgroup files.
    public var container: ContainerMemory?
    /// The kernel's split of RSS, when the recording has `/proc` files.
    public var process: ProcessMemory?
    /// Restarts of the process inside the window, in time order.
    public var restarts: [Restart] = []
    /// GC cycles completed in the window (resets handled), when the GC cycle counter
    /// was recorded at two samples or more.
    public var gcCycles: Double?
    /// GC pauses that ended in the window, where expvar recorded them.
    public var gcPauses: GCPauseSummary?
    /// The Go release the service runs (`go_info`'s `version`), e.g. `go1.19.8`.
    public var goVersion: String?
    /// Where each part came from.
    public var sources = BreakdownSources()
    /// What the data lacked or what was repaired, in the order found.
    public var notes: [DataNote] = []

    public init(instance: InstanceID, scheme: MetricScheme, timestamps: [Double], categories: [MemoryCategory: [Double]],
                goMemory: [Double], heapReleased: [Double], rss: [Double?]) {
        self.instance = instance
        self.scheme = scheme
        self.timestamps = timestamps
        self.categories = categories
        self.goMemory = goMemory
        self.heapReleased = heapReleased
        self.rss = rss
    }

    public var count: Int { timestamps.count }

    /// Whether any sample has an RSS value.
    public var hasRSS: Bool { rss.contains { $0 != nil } }

    /// The heap total (objects + reserve) at each sample.
    public var heapTotal: [Double] {
        zip(categories[.heapObjects]!, categories[.heapReserve]!).map { $0 + $1 }
    }

    /// Non-Go memory (RSS − Go memory) at each sample. Negative where Go memory counts
    /// pages that were never touched and so are not resident.
    public var nonGo: [Double?] {
        zip(rss, goMemory).map { rss, go in rss.map { $0 - go } }
    }

    /// The value of one category at one sample.
    public func value(_ category: MemoryCategory, at index: Int) -> Double {
        categories[category]![index]
    }

    /// The sample where Go memory is highest (the first such sample on ties).
    public var peakIndex: Int {
        var best = 0
        for index in goMemory.indices where goMemory[index] > goMemory[best] { best = index }
        return best
    }

    /// The last sample.
    public var lastIndex: Int { count - 1 }
}
