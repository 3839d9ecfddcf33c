/// The files (or snapshot folders) each part of a breakdown was read from, as their
/// series' origins name them, so the report can say which source every chart and
/// table used.
public struct BreakdownSources: Sendable, Equatable {
    /// The memory classes (and so the categories and Go memory).
    public var categories: [String] = []
    /// The RSS series that filled samples, best first.
    public var rss: [String] = []
    /// The cgroup files.
    public var container: [String] = []
    /// The `/proc` files that split RSS (status, smaps_rollup).
    public var process: [String] = []

    public init(categories: [String] = [], rss: [String] = [], container: [String] = [], process: [String] = []) {
        self.categories = categories
        self.rss = rss
        self.container = container
        self.process = process
    }
}
