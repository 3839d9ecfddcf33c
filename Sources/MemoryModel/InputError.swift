/// Input that gomemreport cannot use. Every stage reports bad input this way so the
/// CLI can print one line that names the file and, where it helps, the place in it.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file (or folder) at fault, as the user named it.
    public var file: String
    /// A byte offset, line or JSON path inside the file, when one helps.
    public var location: String?
    /// What is wrong, in words for the user.
    public var reason: String
    /// Set when the input is beyond one of the readers' caps rather than malformed: the
    /// CLI then says how to raise it.
    public var exceeded: ExceededLimit?

    public init(file: String, location: String? = nil, reason: String, exceeded: ExceededLimit? = nil) {
        self.file = file
        self.location = location
        self.reason = reason
        self.exceeded = exceeded
    }

    /// `file: location: reason`, on one line: line breaks (the reason may quote the
    /// input, the file name may hold one) become spaces, other control characters (a
    /// terminal's escape sequences) U+FFFD, and a reason over 1,000 characters is cut.
    public var description: String {
        let reason = self.reason.count > Self.maximumReasonLength
            ? String(self.reason.prefix(Self.maximumReasonLength)) + "…" : self.reason
        let raw = location.map { "\(file): \($0): \(reason)" } ?? "\(file): \(reason)"
        var oneLine = ""
        for character in raw {
            if character.isNewline || character == "\t" {
                oneLine.append(" ")
            } else if character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                oneLine.append("\u{FFFD}")
            } else {
                oneLine.append(character)
            }
        }
        return oneLine
    }

    static let maximumReasonLength = 1_000
}
