import Foundation

/// What `gomemreport record` asks of a running Go service, and how hard it may ask.
///
/// All durations are seconds. Paths are joined to `target`'s own path, so a service
/// behind a prefix (`http://host/api`) keeps it.
public struct RecorderSettings: Sendable {
    /// The service's base URL: `http://127.0.0.1:8080`.
    public var target: URL
    /// Prometheus text exposition; nil skips it.
    public var metricsPath: String? = "/metrics"
    /// expvar; nil skips it.
    public var expvarPath: String? = "/debug/vars"
    /// net/http/pprof's prefix; nil takes no profiles.
    public var pprofPrefix: String? = "/debug/pprof"
    /// A local process whose `/proc/PID/status` and `smaps_rollup` to sample.
    public var pid: Int32?
    /// A cgroup v2 folder (`/sys/fs/cgroup/…`) to sample; found from `pid` when nil.
    public var cgroup: String?
    /// Seconds between samples.
    public var interval: Double = 10
    /// Seconds to record; nil records until stopped.
    public var duration: Double? = 1800
    /// Seconds between profile rounds, besides the first and the last; nil: only those two.
    public var profilesEvery: Double? = 300
    /// Seconds each request may take in all.
    public var timeout: Double = 5
    /// Seconds the final profiles may take after a stop was asked for.
    public var grace: Double = 10
    /// A `debug=2` goroutine dump larger than this is dropped, and noted.
    public var maximumDumpBytes = 64 << 20
    /// No `debug=2` dump is asked for while the last count of goroutines is above this.
    public var maximumDumpGoroutines = 100_000
    /// Any other answer larger than this is dropped and counted as an error.
    public var maximumResponseBytes = 256 << 20
    /// `gomemreport/0.1.0`, so the service's logs say who asked.
    public var userAgent = "gomemreport"
    /// Written into the manifest.
    public var toolVersion = "gomemreport"

    public init(target: URL) {
        self.target = target
    }

    /// `target` with `path` appended to its own path, and `query` if any.
    func url(_ path: String, query: String? = nil) -> URL {
        var components = URLComponents(url: target, resolvingAgainstBaseURL: false) ?? URLComponents()
        var base = components.path
        while base.hasSuffix("/") { base.removeLast() }
        components.path = base + (path.hasPrefix("/") ? path : "/" + path)
        components.percentEncodedQuery = query
        return components.url ?? target
    }

    /// The target without any user name or password, for messages and the manifest.
    public var displayTarget: String {
        var components = URLComponents(url: target, resolvingAgainstBaseURL: false) ?? URLComponents()
        components.user = nil
        components.password = nil
        return components.string ?? target.absoluteString
    }
}
