/// The file and the place inside it that a series was read from.
///
/// `location` is format-specific: a JSON path such as `data.result[3]` for a
/// query_range answer, or a line number for text formats.
public struct SeriesOrigin: Sendable, Equatable, Hashable {
    public var file: String
    public var location: String
    /// The file's path inside its recording (`prometheus/query_range.json`), when the
    /// series came from a recording's file: what a page names as the source. A live
    /// answer carries the path it is saved under, so a live report and its saved
    /// recording name the same sources.
    public var label: String?

    public init(file: String, location: String, label: String? = nil) {
        self.file = file
        self.location = location
        self.label = label
    }
}
