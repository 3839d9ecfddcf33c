/// The figures of one instance in the page's overview table.
public struct InstanceOverview: Sendable {
    public var goLast: String
    public var goPeak: String
    public var rssLast: String
    public var nonGoLast: String
    /// How Go memory compares with RSS at the last sample, in a few words.
    public var verdict: String
}
