/// A profile's sample type or period type: what a value counts and in what unit, such
/// as `inuse_space`/`bytes` or `goroutine`/`count` (pprof's `ValueType`).
public struct ValueType: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var type: String
    public var unit: String

    public init(type: String, unit: String) {
        self.type = type
        self.unit = unit
    }

    public var description: String { "\(type)/\(unit)" }
}
