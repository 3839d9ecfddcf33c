/// One row of the breakdown table.
public struct BreakdownRow: Sendable {
    public var name: String
    public var swatchSVG: String
    /// The runtime/metrics classes, `/memory/classes/…:bytes`, comma separated.
    public var runtimeMetrics: String
    public var memStats: String
    public var last: String
    public var minimum: String
    public var maximum: String
    public var atPeak: String
    /// Share of Go memory at the last sample.
    public var shareOfLast: String
    public var exactLast: String
}
