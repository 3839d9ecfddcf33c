/// A frame's function in a `CallTree` or `CallTreeDiff`: functions are told apart by
/// name alone (pprof's default `functions` granularity), so the same name from two
/// files, or from two profiles, is one function.
public struct CallTreeFunction: Sendable, Equatable, Hashable {
    /// The name people read, for example `net/http.(*conn).serve`.
    public var name: String
    /// The source file of the first function seen with this name; empty when unknown.
    public var filename: String

    public init(name: String, filename: String) {
        self.name = name
        self.filename = filename
    }
}
