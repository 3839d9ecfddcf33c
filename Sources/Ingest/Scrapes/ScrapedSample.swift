/// One sample line of a Prometheus text or OpenMetrics exposition.
public struct ScrapedSample: Sendable, Equatable {
    public var name: String
    public var labels: [String: String]
    public var value: Double
    /// Unix seconds: the line's own timestamp when it has one, else the scrape's time.
    public var timestamp: Double?
}
