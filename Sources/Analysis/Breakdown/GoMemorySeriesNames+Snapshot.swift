extension GoMemorySeriesNames {
    /// The goroutine count's names, best first: client_golang's `go_goroutines`, then
    /// runtime/metrics' `/sched/goroutines:goroutines` as MetricsAll exports it.
    public static let goroutineCounts = ["go_goroutines", "go_sched_goroutines_goroutines"]

    /// Go memory of one snapshot, from its values by metric name: runtime/metrics'
    /// recipe where all its series are present, else MemStats'; nil when neither is.
    public static func goMemory(in values: [String: Double]) -> Double? {
        for names in [runtimeMetrics, memStats] {
            if let value = names.goMemory.value(in: values) { return value }
        }
        return nil
    }
}

extension GoMemorySeriesNames.Recipe {
    /// The signed sum of the recipe's series in `values`; nil when one is missing.
    func value(in values: [String: Double]) -> Double? {
        var sum = 0.0
        for name in plus { guard let value = values[name] else { return nil }; sum += value }
        for name in minus { guard let value = values[name] else { return nil }; sum -= value }
        return sum
    }
}
