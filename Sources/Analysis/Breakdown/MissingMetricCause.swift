/// Why a runtime/metrics series is absent, which decides the advice: a Go too old to
/// have the metric needs an upgrade; a Go that has it needs client_golang's Go collector
/// told to export it (`collectors.WithGoCollectorRuntimeMetrics(…)`), since the default
/// collector exports only a few runtime/metrics names.
public enum MissingMetricCause: Sendable, Equatable {
    /// `version` (go_info's) is older than the Go release that added the metric.
    case goTooOld(version: String)
    /// `version` has the metric; the exporter did not export it.
    case collectorOptionNotEnabled(version: String)
    /// No go_info, or a version that is not `goMAJOR.MINOR…` (a devel build): either.
    case unknown

    /// The cause for a metric added in Go 1.`minor`, given go_info's `version` label
    /// (`go1.22.3`, `go1.27rc1`).
    public init(goVersion version: String?, addedInMinor minor: Int) {
        guard let version, let running = Self.minor(of: version) else {
            self = .unknown
            return
        }
        self = running < minor ? .goTooOld(version: version) : .collectorOptionNotEnabled(version: version)
    }

    /// The minor version of `go1.N…`, nil for anything else.
    static func minor(of version: String) -> Int? {
        guard version.hasPrefix("go1.") else { return nil }
        let digits = version.dropFirst(4).prefix { $0.isASCII && $0.isNumber }
        return digits.isEmpty ? nil : Int(digits)
    }
}
