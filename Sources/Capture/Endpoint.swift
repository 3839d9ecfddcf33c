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
    /// `/debug/pprof/goroutineleak` (Go 1.26 with GOEXPERIMENT=goroutineleakprofile, Go
    /// 1.27 by default), proto and `debug=1`, each profile round; absent (404) before.
    case goroutineLeakProfile = "pprof-goroutineleak"
    /// `/proc/PID/status` and `smaps_rollup`, every interval.
    case proc
    /// cgroup v2 memory files, every interval.
    case cgroup

    /// Whether a 404 is the normal answer of most services: goroutineleak is served only
    /// by Go 1.27 (or 1.26 with its experiment). Such a 404 marks the endpoint absent
    /// without counting as an error or a problem to list.
    public var absenceIsExpected: Bool { self == .goroutineLeakProfile }
}
