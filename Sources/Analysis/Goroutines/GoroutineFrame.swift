/// One frame of a goroutine stack, as people read it: function and position.
public struct GoroutineFrame: Sendable, Hashable {
    public var function: String
    public var file: String
    public var line: Int64

    public init(function: String, file: String, line: Int64) {
        self.function = function
        self.file = file
        self.line = line
    }

    /// `main.go:70`: the file's last path component and the line.
    public var shortPosition: String {
        let base = file.split(separator: "/").last.map(String.init) ?? file
        return line > 0 ? "\(base):\(line)" : base
    }
}
