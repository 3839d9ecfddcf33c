/// Input that gomemreport cannot use. Every stage reports bad input this way so the
/// CLI can print one line that names the file and, where it helps, the place in it.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file (or folder) at fault, as the user named it.
    public var file: String
    /// A byte offset, line or JSON path inside the file, when one helps.
    public var location: String?
    /// What is wrong, in words for the user.
    public var reason: String

    public init(file: String, location: String? = nil, reason: String) {
        self.file = file
        self.location = location
        self.reason = reason
    }

    /// `file: location: reason`, on one line.
    public var description: String {
        let oneLine = String(reason.map { $0.isNewline ? " " : $0 })
        if let location { return "\(file): \(location): \(oneLine)" }
        return "\(file): \(oneLine)"
    }
}
