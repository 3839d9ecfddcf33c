/// One row of a top table, formatted.
public struct ProfileTopRowView: Sendable {
    public var name: String
    public var flat: String
    public var flatPercent: String
    public var sumPercent: String
    public var cum: String
    public var cumPercent: String
    public var inlineLabel: String
    /// Exact values, for titles.
    public var exact: String
}
