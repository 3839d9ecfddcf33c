/// One time series as a metric source reported it: a name, its labels, and samples.
///
/// Contract: `timestamps` and `values` have the same count and timestamps increase
/// strictly. Ingest sorts samples and drops duplicate timestamps (with an
/// `InputWarning`) before a series leaves it, so analysis may rely on it.
/// Values are kept exactly as read, NaN and infinities included.
public struct MetricSeries: Sendable, Equatable {
    /// The metric name, for example `go_memory_classes_heap_objects_bytes`.
    public var name: String
    /// Labels other than `__name__`, for example `job` and `instance`.
    public var labels: [String: String]
    /// Sample times in Unix seconds (fractions allowed), strictly increasing.
    public var timestamps: [Double]
    /// Sample values, one per timestamp.
    public var values: [Double]
    /// Where the series came from, so later stages can name the file and place in errors.
    public var origin: SeriesOrigin

    public init(name: String, labels: [String: String], timestamps: [Double], values: [Double], origin: SeriesOrigin) {
        self.name = name
        self.labels = labels
        self.timestamps = timestamps
        self.values = values
        self.origin = origin
    }

    /// What the value measures, read from the name's suffix as Prometheus conventions say.
    public var unit: MetricUnit { MetricUnit(metricName: name) }

    /// The instance the series belongs to, from its `job` and `instance` labels.
    public var instance: InstanceID {
        InstanceID(job: labels["job"] ?? "", instance: labels["instance"] ?? "")
    }
}
