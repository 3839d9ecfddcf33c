import MemoryModel

/// The metric names each scheme provides, and how they combine into the categories.
///
/// Each recipe adds some series and subtracts others; by construction the eight
/// categories of one scheme sum to its Go memory total exactly.
public struct GoMemorySeriesNames {
    /// A category (or total) as signed sums of series.
    struct Recipe {
        var plus: [String]
        var minus: [String] = []
    }

    let scheme: MetricScheme
    let categories: [MemoryCategory: Recipe]
    let goMemory: Recipe
    let heapReleased: String

    var allNames: Set<String> {
        var names = Set(goMemory.plus + goMemory.minus + [heapReleased])
        for recipe in categories.values { names.formUnion(recipe.plus + recipe.minus) }
        return names
    }

    static let runtimeMetrics: GoMemorySeriesNames = {
        func m(_ suffix: String) -> String { "go_memory_classes_\(suffix)_bytes" }
        return GoMemorySeriesNames(
            scheme: .runtimeMetrics,
            categories: [
                .heapObjects: Recipe(plus: [m("heap_objects")]),
                .heapReserve: Recipe(plus: [m("heap_free"), m("heap_unused")]),
                .goroutineStacks: Recipe(plus: [m("heap_stacks")]),
                .osThreadStacks: Recipe(plus: [m("os_stacks")]),
                .gcOverhead: Recipe(plus: [m("metadata_other")]),
                .allocatorOverhead: Recipe(plus: [m("metadata_mspan_inuse"), m("metadata_mspan_free"),
                                                  m("metadata_mcache_inuse"), m("metadata_mcache_free")]),
                .runtimeOverhead: Recipe(plus: [m("other")]),
                .profilerOverhead: Recipe(plus: [m("profiling_buckets")]),
            ],
            goMemory: Recipe(plus: [m("total")], minus: [m("heap_released")]),
            heapReleased: m("heap_released"))
    }()

    static let memStats: GoMemorySeriesNames = {
        func m(_ suffix: String) -> String { "go_memstats_\(suffix)_bytes" }
        return GoMemorySeriesNames(
            scheme: .memStats,
            categories: [
                .heapObjects: Recipe(plus: [m("heap_alloc")]),
                // (HeapIdle − HeapReleased) + (HeapInuse − HeapAlloc)
                .heapReserve: Recipe(plus: [m("heap_idle"), m("heap_inuse")], minus: [m("heap_released"), m("heap_alloc")]),
                .goroutineStacks: Recipe(plus: [m("stack_inuse")]),
                .osThreadStacks: Recipe(plus: [m("stack_sys")], minus: [m("stack_inuse")]),
                .gcOverhead: Recipe(plus: [m("gc_sys")]),
                .allocatorOverhead: Recipe(plus: [m("mspan_sys"), m("mcache_sys")]),
                .runtimeOverhead: Recipe(plus: [m("other_sys")]),
                .profilerOverhead: Recipe(plus: [m("buck_hash_sys")]),
            ],
            goMemory: Recipe(plus: [m("sys")], minus: [m("heap_released")]),
            heapReleased: m("heap_released"))
    }()

    /// Series that carry the resident set size, best first, with the words for people:
    /// the kernel's VmRSS as the recorder sampled it, then client_golang's process
    /// collector. Each fills the samples the ones before left empty.
    static let rssSources: [(name: String, label: String)] = [
        ("proc_vm_rss_bytes", "VmRSS in /proc/PID/status"),
        ("process_resident_memory_bytes", "process_resident_memory_bytes"),
    ]

    /// Names older exporters used for a series the recipes read: client_golang before
    /// 0.9 exported HeapReleased as a counter, `go_memstats_heap_released_bytes_total`.
    static let legacyNames: [(current: String, legacy: String)] = [
        ("go_memstats_heap_released_bytes", "go_memstats_heap_released_bytes_total"),
    ]

    /// The GC cycle counter: runtime/metrics' `/gc/cycles/total:gc-cycles` (client_golang
    /// with MetricsAll or 1.12's defaults, and expvar's NumGC as gomemreport names it),
    /// else the count of client_golang's default `go_gc_duration_seconds` summary, which
    /// is NumGC too: most services export only that.
    public static func gcCycleCounter(in instance: InstanceSeries) -> MetricSeries? {
        instance.series(named: "go_gc_cycles_total_gc_cycles_total") ?? instance.series(named: "go_gc_duration_seconds_count")
    }

    /// `instance` with each legacy name read as today's, where today's is absent, and
    /// the renames made (to say so in the report).
    static func renamingLegacyNames(in instance: InstanceSeries) -> (InstanceSeries, [(current: String, legacy: String)]) {
        var renamed = instance
        var made: [(current: String, legacy: String)] = []
        for pair in legacyNames where instance.series(named: pair.current) == nil {
            guard let index = instance.series.firstIndex(where: { $0.name == pair.legacy }) else { continue }
            renamed.series[index].name = pair.current
            made.append(pair)
        }
        return (renamed, made)
    }
}
