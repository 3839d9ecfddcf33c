/// One successful `query_range` answer, kept exactly as the server sent it.
public struct PrometheusAnswer: Sendable, Equatable {
    /// The metric name queried; it names the answer's file in a saved recording.
    public var name: String
    /// The PromQL sent.
    public var query: String
    /// The body, byte for byte.
    public var bytes: [UInt8]
    /// The server's `warnings`, verbatim.
    public var warnings: [String]

    public init(name: String, query: String, bytes: [UInt8], warnings: [String]) {
        self.name = name
        self.query = query
        self.bytes = bytes
        self.warnings = warnings
    }
}

extension PrometheusAnswer {
    /// Where the answer lies in a recording folder: `prometheus/<name>.json`, which the
    /// folder loader reads back.
    public var recordingPath: String { "prometheus/\(name).json" }
}
