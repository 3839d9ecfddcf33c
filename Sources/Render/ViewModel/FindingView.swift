/// One finding as the page shows it.
public struct FindingView: Sendable {
    public struct AttributionRow: Sendable {
        public var function: String
        public var position: String
        public var delta: String
        public var detail: String
    }

    public var anchor: String
    public var id: String
    /// `critical`, `warning` or `info`: a CSS class and the badge's word.
    public var severity: String
    public var severityLabel: String
    public var title: String
    /// The instance, when the page has several.
    public var instance: String?
    public var confidence: String
    public var window: String
    /// What the evidence says and the next steps, rendered from Markdown by cmark.
    public var bodyHTML: String
    public var attribution: [AttributionRow]
    public var hasAttribution: Bool
    /// "Bytes" or "Goroutines": the attribution table's delta heading.
    public var deltaHeading: String
}
