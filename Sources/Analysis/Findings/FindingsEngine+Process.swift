import MemoryModel

extension FindingsEngine {
    /// `non-go-memory`, `non-go-growth` and `virtual-exceeds-rss`: Go memory against RSS.
    static func nonGoFindings(_ c: Context) -> [Finding] {
        let t = c.thresholds
        let b = c.breakdown
        let known = b.timestamps.indices.filter { b.rss[$0] != nil }
        guard known.count >= 3 else { return [] }
        var found: [Finding] = []
        // Judged on the last quarter's medians: robust to one odd sample, current enough.
        let recent = Array(known.suffix(max(3, known.count / 4)))
        func median(_ values: [Double]) -> Double { Trend.median(sorted: values.sorted()) }
        let rss = median(recent.map { b.rss[$0]! })
        let go = median(recent.map { b.goMemory[$0] })
        let nonGo = rss - go
        let recentWindow = (b.timestamps[recent[0]], b.timestamps[recent[recent.count - 1]])
        if nonGo >= t.nonGoMinimumBytes, rss > 0, nonGo / rss >= t.nonGoShare {
            found.append(Finding(kind: .nonGoMemory, severity: .warning, confidence: 1, start: recentWindow.0, end: recentWindow.1,
                                 bytesAtStake: nonGo,
                                 evidence: [("rss_bytes", rss), ("go_memory_bytes", go), ("non_go_bytes", nonGo),
                                            ("non_go_share", rounded(nonGo / rss, 1000))],
                                 facts: [("rss_source", b.rssSource)]))
        }
        if go >= t.virtualRatio * rss, go - rss >= t.virtualMinimumBytes {
            found.append(Finding(kind: .virtualExceedsRSS, severity: .warning, confidence: 1, start: recentWindow.0, end: recentWindow.1,
                                 bytesAtStake: go - rss,
                                 evidence: [("go_memory_bytes", go), ("rss_bytes", rss), ("gap_bytes", go - rss),
                                            ("go_to_rss_ratio", rounded(go / max(rss, 1), 100))]))
        }
        let nonGoSeries = known.map { b.rss[$0]! - b.goMemory[$0] }
        // Negative non-Go memory is Go memory not yet touched: RSS catching up with it
        // is not non-Go growth. Growth counts from zero at most.
        if let trend = Trend(times: known.map { b.timestamps[$0] }, values: nonGoSeries), trend.confidence >= t.trendConfidence,
           trend.fittedEnd - max(trend.fittedStart, 0) >= t.nonGoGrowthMinimumBytes {
            found.append(Finding(kind: .nonGoGrowth, severity: .warning, confidence: trend.confidence, start: trend.start, end: trend.end,
                                 bytesAtStake: trend.change,
                                 evidence: [("rate_bytes_per_hour", rounded(trend.slopePerHour)), ("growth_bytes", rounded(trend.change)),
                                            ("non_go_start_bytes", rounded(trend.fittedStart)), ("non_go_end_bytes", rounded(trend.fittedEnd))]))
        }
        return found
    }
}
