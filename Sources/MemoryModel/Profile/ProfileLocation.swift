/// One program counter of a stack, with the source lines it stands for (pprof's
/// `Location`). Inlining makes one location several lines.
public struct ProfileLocation: Sendable, Equatable {
    /// One source line: a function (index into `Profile.functions`) and a line number.
    public struct Line: Sendable, Equatable, Hashable {
        public var function: Int32
        public var line: Int64

        public init(function: Int32, line: Int64) {
            self.function = function
            self.line = line
        }
    }

    public var id: UInt64
    /// Index into `Profile.mappings`, or -1 when the location has none.
    public var mapping: Int32
    public var address: UInt64
    /// Innermost first: `lines[0]` is the function the PC is in after inlining;
    /// the last line is the function that was compiled.
    public var lines: [Line]
    public var isFolded: Bool

    public init(id: UInt64, mapping: Int32 = -1, address: UInt64 = 0, lines: [Line], isFolded: Bool = false) {
        self.id = id
        self.mapping = mapping
        self.address = address
        self.lines = lines
        self.isFolded = isFolded
    }
}
