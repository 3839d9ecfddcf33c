/// The file and the place inside it that a series was read from.
///
/// `location` is format-specific: a JSON path such as `data.result[3]` for a
/// query_range answer, or a line number for text formats.
public struct SeriesOrigin: Sendable, Equatable, Hashable {
    public var file: String
    public var location: String

    public init(file: String, location: String) {
        self.file = file
        self.location = location
    }
}
