/// Input that gomemreport could use after repairing or dropping part of it: samples
/// out of order, duplicate timestamps, impossible values, a bad file among many good
/// ones. The run goes on; the CLI prints each warning on one line and the report lists
/// them, so nobody mistakes a repaired series for a clean one.
public struct InputWarning: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The file (or folder) concerned, as the user named it.
    public var file: String
    /// A JSON path, a series name or a line, when one helps.
    public var location: String?
    /// What was wrong and what gomemreport did about it, in words for the user.
    public var reason: String

    public init(file: String, location: String? = nil, reason: String) {
        self.file = file
        self.location = location
        self.reason = reason
    }

    /// `file: location: reason`, on one line.
    public var description: String {
        InputError(file: file, location: location, reason: reason).description
    }
}
