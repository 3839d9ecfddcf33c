public struct GoroutineGroupView: Sendable {
    public var count: String
    public var share: String
    public var blocking: String
    public var owner: String
    public var position: String
    public var waiting: String
    public var createdBy: String
    /// The stack, leaf first, one frame per entry.
    public var frames: [String]
}
