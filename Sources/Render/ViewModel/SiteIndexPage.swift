/// The index of a static site of reports: one row per instance, worst first, and the
/// recordings that failed. Links are relative, so the site works from `file://`, any
/// static host and any subfolder.
public struct SiteIndexPage: Sendable {
    public struct Row: Sendable {
        /// `heapleak.html#instance-…`.
        public var link: String
        public var name: String
        public var recording: String
        public var window: String
        public var goLast: String
        public var goPeak: String
        public var rssLast: String
        public var badges: [Badge]
        public var hasBadges: Bool
        public var sparklineSVG: String
        /// With `site --baseline`: the compare page and its verdict, as HTML.
        public var comparePage: String?
        public var compareVerdictHTML: String?
    }

    public struct Badge: Sendable {
        public var severity: String
        /// "heap-leak", with the title as tooltip.
        public var id: String
        public var title: String
    }

    public struct Failure: Sendable {
        public var recording: String
        public var error: String
    }

    public var title: String
    public var toolName: String
    public var toolVersion: String
    public var contentSecurityPolicy: String
    public var css: String
    /// "7 instances in 7 recordings: 2 with critical findings, 3 with warnings."
    public var headline: String
    public var rows: [Row]
    public var failures: [Failure]
    public var hasFailures: Bool
}
