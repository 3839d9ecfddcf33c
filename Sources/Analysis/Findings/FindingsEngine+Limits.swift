import MemoryModel

extension FindingsEngine {
    /// `near-memory-limit`: Go memory near GOMEMLIMIT, or the container's memory (else
    /// RSS) near the cgroup's memory.max.
    static func limitFindings(_ c: Context) -> [Finding] {
        let t = c.thresholds
        let b = c.breakdown
        var candidates: [(name: String, limit: Double, values: [Double?])] = []
        if let limit = c.goMemoryLimit { candidates.append(("GOMEMLIMIT", limit, b.goMemory.map { $0 })) }
        if let container = b.container, let limit = c.containerLimit {
            let used = b.timestamps.indices.map { container.current[$0] ?? b.rss[$0] }
            candidates.append(("memory.max", limit, used))
        }
        var found: [Finding] = []
        for candidate in candidates {
            guard let closest = candidate.values.indices.filter({ candidate.values[$0] != nil })
                .max(by: { candidate.values[$0]! < candidate.values[$1]! }) else { continue }
            let used = candidate.values[closest]!
            guard used >= t.nearLimitFraction * candidate.limit else { continue }
            found.append(Finding(kind: .nearMemoryLimit, severity: used >= candidate.limit ? .critical : .warning, confidence: 1,
                                 start: b.timestamps[closest], end: b.timestamps[closest], bytesAtStake: used,
                                 evidence: [("limit_bytes", candidate.limit), ("peak_bytes", used),
                                            ("headroom_bytes", candidate.limit - used),
                                            ("peak_share_of_limit", rounded(used / candidate.limit, 1000)),
                                            ("closest_at_unix", rounded(b.timestamps[closest], 1000))],
                                 facts: [("limit", candidate.name)]))
        }
        return found
    }
}
