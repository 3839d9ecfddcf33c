/// `recording.json` of a recording saved from a Prometheus-compatible server
/// (`report --prometheus … --save-recording DIR`): where and how the answers were
/// asked for. Header values and tokens are never part of it; header names are.
public struct QueryManifest: Codable, Sendable, Equatable {
    public var schema = RecordingManifest.schemaName
    public var source = "prometheus"
    /// The server's base URL, without credentials.
    public var url: String
    public var selector: String
    /// RFC 3339 UTC.
    public var start: String
    public var end: String
    /// `15s`, as given or chosen.
    public var step: String
    public var stepSeconds: Double
    public var headerNames: [String]
    /// The PromQL of every query, in the order asked.
    public var queries: [String]
    public var tool: String

    enum CodingKeys: String, CodingKey {
        case schema, source, url, selector, start, end, step, tool, queries
        case stepSeconds = "step_seconds", headerNames = "header_names"
    }

    public init(url: String, selector: String, start: String, end: String, step: String, stepSeconds: Double,
                headerNames: [String], queries: [String], tool: String) {
        self.url = url
        self.selector = selector
        self.start = start
        self.end = end
        self.step = step
        self.stepSeconds = stepSeconds
        self.headerNames = headerNames
        self.queries = queries
        self.tool = tool
    }
}
