/// A function named by a profile (pprof's `Function`).
public struct ProfileFunction: Sendable, Equatable, Hashable {
    /// The id the profile gave it; unique and non-zero in a proto profile.
    public var id: UInt64
    /// The name people read, for example `main.FooHandler` or `runtime.chanrecv1`.
    public var name: String
    /// The mangled or system name, often equal to `name`.
    public var systemName: String
    /// The source file, for example `/app/main.go`.
    public var filename: String
    public var startLine: Int64

    public init(id: UInt64, name: String, systemName: String = "", filename: String = "", startLine: Int64 = 0) {
        self.id = id
        self.name = name
        self.systemName = systemName
        self.filename = filename
        self.startLine = startLine
    }
}
