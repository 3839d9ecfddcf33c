/// One thing the recorder asks the service or the machine for.
public enum Endpoint: String, Sendable, CaseIterable, Codable {
    /// Prometheus text exposition, every interval.
    case metrics
    /// expvar `/debug/vars`, every interval.
    case expvar
    /// `/debug/pprof/heap`, proto and `debug=1`, each profile round.
    case heapProfile = "pprof-heap"
    /// `/debug/pprof/goroutine`, proto and `debug=2`, each profile round.
    case goroutineProfile = "pprof-goroutine"
    /// `/proc/PID/status` and `smaps_rollup`, every interval.
    case proc
    /// cgroup v2 memory files, every interval.
    case cgroup
}
