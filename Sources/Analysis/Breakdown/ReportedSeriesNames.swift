/// The metric names a report reads from an exporter, in one place, for sources that
/// must be asked for each name (a Prometheus server is queried once per name).
///
/// Both memory schemes are listed, since which one an instance has is only known
/// from the answers; then RSS, and the runtime's GC and goroutine figures that a
/// report shows or will show (GOGC for the heap goal, the heap goal itself, …), which
/// cost one small query each. Series made by gomemreport from files (`/proc`,
/// cgroup) are not listed: no exporter publishes them.
public enum ReportedSeriesNames {
    /// Every name, sorted, without duplicates.
    public static let exported: [String] = {
        var names = GoMemorySeriesNames.runtimeMetrics.allNames.union(GoMemorySeriesNames.memStats.allNames)
        names.insert(processRSS)
        names.formUnion(runtimeFigures)
        return names.sorted()
    }()

    /// client_golang's process collector's resident set size.
    static let processRSS = "process_resident_memory_bytes"

    /// client_golang's process and Go collectors: figures beside the memory classes.
    static let runtimeFigures = [
        "process_start_time_seconds",
        "go_goroutines",
        "go_gc_cycles_total_gc_cycles_total",
        // client_golang's default collector: its count is the GC cycle counter there.
        "go_gc_duration_seconds_count",
        "go_memstats_next_gc_bytes",
        "go_gc_heap_goal_bytes",
        "go_gc_gogc_percent",
        "go_gc_gomemlimit_bytes",
        "go_gc_heap_live_bytes",
        // Restarts show as a falling counter; the Go version names what is missing.
        "go_memstats_alloc_bytes_total",
        "go_memstats_mallocs_total",
        "process_cpu_seconds_total",
        "go_info",
        "go_sched_goroutines_goroutines",
        "go_memstats_heap_released_bytes_total",
        // Go 1.20+: the GC's CPU share over the window (GCCPUShare).
        GCCPUShare.gcSeconds,
        GCCPUShare.totalSeconds,
        // Go 1.26+: the scheduler's goroutine states (GoroutineSchedulerStates).
        "go_sched_goroutines_waiting_goroutines",
        "go_sched_goroutines_runnable_goroutines",
        "go_sched_goroutines_running_goroutines",
        "go_sched_goroutines_not_in_go_goroutines",
        "go_sched_goroutines_created_goroutines_total",
    ]
}
