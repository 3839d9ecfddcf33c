/// RSS against Go memory at the last sample and at the Go memory peak.
public struct ReconciliationTable: Sendable {
    public struct Row: Sendable {
        public var label: String
        public var atLast: String
        public var atPeak: String
        public var exactAtLast: String
        public var exactAtPeak: String
    }
    public var lastHeading: String
    public var peakHeading: String
    public var rows: [Row]
    /// The sentence that applies at each point, rendered from Markdown.
    public var lastVerdictHTML: String
    public var peakVerdictHTML: String
}
