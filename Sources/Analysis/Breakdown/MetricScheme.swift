/// Which of client_golang's two naming schemes a breakdown was computed from.
public enum MetricScheme: String, Sendable, Equatable {
    /// `go_memory_classes_*_bytes`, exported from runtime/metrics (preferred).
    case runtimeMetrics = "runtime/metrics"
    /// `go_memstats_*`, exported from runtime.MemStats (the fallback).
    case memStats = "MemStats"
}
