public struct GoroutineDiffView: Sendable {
    public var baseFile: String
    public var baseTime: String
    public var totals: String
    public var rows: [GoroutineDiffRowView]
    public var headline: String?
}
