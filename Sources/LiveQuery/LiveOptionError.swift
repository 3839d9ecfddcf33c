/// A live-query option that cannot be used as given: a malformed duration, time,
/// step, header or URL, or a time range the server would refuse. The CLI shows it as a
/// usage error (exit code 2).
public struct LiveOptionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
