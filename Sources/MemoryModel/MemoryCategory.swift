/// The eight categories that together make up Go memory (the runtime's estimate of the
/// physical memory it holds: `total − heap/released`, or `Sys − HeapReleased`).
///
/// The order is the stacking order of charts and the row order of tables, bottom first.
public enum MemoryCategory: String, CaseIterable, Sendable, Hashable {
    case heapObjects = "heap_objects"
    case heapReserve = "heap_reserve"
    case goroutineStacks = "goroutine_stacks"
    case osThreadStacks = "os_thread_stacks"
    case gcOverhead = "gc_overhead"
    case allocatorOverhead = "allocator_overhead"
    case runtimeOverhead = "runtime_overhead"
    case profilerOverhead = "profiler_overhead"

    /// The key used in the JSON summary.
    public var key: String { rawValue }

    /// A short title for people.
    public var title: String {
        switch self {
        case .heapObjects: return "Heap live & dead objects"
        case .heapReserve: return "Heap reserve"
        case .goroutineStacks: return "Goroutine stacks"
        case .osThreadStacks: return "OS thread stacks"
        case .gcOverhead: return "GC overhead"
        case .allocatorOverhead: return "Allocator overhead"
        case .runtimeOverhead: return "Runtime overhead"
        case .profilerOverhead: return "Profiler overhead"
        }
    }

    /// The runtime/metrics classes (`/memory/classes/…:bytes`) that add up to it.
    public var runtimeMetricsClasses: [String] {
        switch self {
        case .heapObjects: return ["heap/objects"]
        case .heapReserve: return ["heap/free", "heap/unused"]
        case .goroutineStacks: return ["heap/stacks"]
        case .osThreadStacks: return ["os-stacks"]
        case .gcOverhead: return ["metadata/other"]
        case .allocatorOverhead: return ["metadata/mspan/inuse", "metadata/mspan/free", "metadata/mcache/inuse", "metadata/mcache/free"]
        case .runtimeOverhead: return ["other"]
        case .profilerOverhead: return ["profiling/buckets"]
        }
    }

    /// The same quantity written with runtime.MemStats fields.
    public var memStatsExpression: String {
        switch self {
        case .heapObjects: return "HeapAlloc"
        case .heapReserve: return "(HeapIdle − HeapReleased) + (HeapInuse − HeapAlloc)"
        case .goroutineStacks: return "StackInuse"
        case .osThreadStacks: return "StackSys − StackInuse"
        case .gcOverhead: return "GCSys"
        case .allocatorOverhead: return "MSpanSys + MCacheSys"
        case .runtimeOverhead: return "OtherSys"
        case .profilerOverhead: return "BuckHashSys"
        }
    }

    /// Whether the category belongs to the heap total (objects + reserve).
    public var isHeap: Bool { self == .heapObjects || self == .heapReserve }
}
