import MemoryModel

/// The GC's share of the CPU available to Go over a window, from runtime/metrics
/// (Go 1.20+): the increase of `/cpu/classes/gc/total:cpu-seconds` over that of
/// `/cpu/classes/total:cpu-seconds`, which the runtime defines as GOMAXPROCS × wall
/// time. It is what expvar's `GCCPUFraction` measures, but over the window instead of
/// since the process started, so a GC storm in the last hour of a week-old process
/// shows.
///
/// Nil when either counter is missing or has fewer than two finite samples in the
/// window, or when no CPU time passed. Restarts are handled as `CounterIncrease` does.
public struct GCCPUShare: Sendable, Equatable {
    /// client_golang's names (`MetricsAll`, or `MetricsGC` for the GC one).
    public static let gcSeconds = "go_cpu_classes_gc_total_cpu_seconds_total"
    public static let totalSeconds = "go_cpu_classes_total_cpu_seconds_total"
    /// expvar's `GCCPUFraction` as gomemreport names it, the fallback.
    public static let expvarFraction = "go_memstats_gc_cpu_fraction"

    /// GC CPU seconds ÷ available CPU seconds in the window, 0…1.
    public var share: Double
    /// The GC's CPU seconds in the window.
    public var gcSeconds: Double

    public init?(instance: InstanceSeries, from start: Double, to end: Double) {
        guard let gc = instance.series(named: Self.gcSeconds), let total = instance.series(named: Self.totalSeconds) else { return nil }
        func increase(_ series: MetricSeries) -> Double? {
            let values = zip(series.timestamps, series.values).filter { $0.0 >= start && $0.0 <= end && $0.1.isFinite }.map(\.1)
            return values.count >= 2 ? CounterIncrease(values: values).increase : nil
        }
        guard let gcIncrease = increase(gc), let totalIncrease = increase(total), totalIncrease > 0 else { return nil }
        share = min(1, max(0, gcIncrease / totalIncrease))
        gcSeconds = gcIncrease
    }
}
