/// The unit of a metric, following Prometheus naming conventions (`_bytes`, `_seconds`).
public enum MetricUnit: String, Sendable, Equatable {
    case bytes
    case seconds
    case count

    /// Derives the unit from a metric name's suffix; anything unsuffixed counts things.
    public init(metricName: String) {
        if metricName.hasSuffix("_bytes") || metricName.hasSuffix("_bytes_total") {
            self = .bytes
        } else if metricName.hasSuffix("_seconds") || metricName.hasSuffix("_seconds_total") {
            self = .seconds
        } else {
            self = .count
        }
    }
}
