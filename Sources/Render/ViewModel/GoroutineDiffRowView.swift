public struct GoroutineDiffRowView: Sendable {
    public var delta: String
    public var before: String
    public var after: String
    public var sentence: String
}
