extension MemoryBreakdown {
    /// The span `breakdowns` cover together: the earliest first sample to the latest
    /// last one; nil for none.
    public static func window(_ breakdowns: [MemoryBreakdown]) -> (start: Double, end: Double)? {
        guard let start = breakdowns.map({ $0.timestamps[0] }).min(), let end = breakdowns.map({ $0.timestamps[$0.lastIndex] }).max() else { return nil }
        return (start, end)
    }
}
