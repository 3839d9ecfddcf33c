/// A template that cannot be used: a syntax error, an unknown variable, a missing file.
/// The description is one line that starts with `file:line:`.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var reason: String

    public var description: String {
        if let line { return "\(file):\(line): \(reason)" }
        return "\(file): \(reason)"
    }
}
