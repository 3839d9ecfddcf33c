/// The series of one scraped process.
public struct InstanceSeries: Sendable, Equatable {
    public var id: InstanceID
    /// In the order the source listed them.
    public var series: [MetricSeries]

    public init(id: InstanceID, series: [MetricSeries]) {
        self.id = id
        self.series = series
    }

    /// The first series with this name. Families with extra labels (histogram buckets,
    /// quantiles) have several; memory gauges have exactly one.
    public func series(named name: String) -> MetricSeries? {
        series.first { $0.name == name }
    }
}
