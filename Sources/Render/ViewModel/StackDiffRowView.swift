/// A whole stack that changed.
public struct StackDiffRowView: Sendable {
    public var delta: String
    public var base: String
    public var current: String
    /// Leaf first, as `a ← b ← c`.
    public var stack: String
}
