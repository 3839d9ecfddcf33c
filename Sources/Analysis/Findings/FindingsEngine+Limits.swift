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

    /// `oom-kill`: the cgroup's memory.events `oom_kill` counter rose in the window: the
    /// kernel killed a process in the container for want of memory.
    static func oomKillFinding(_ c: Context) -> Finding? {
        func rises(_ name: String) -> (increase: Double, points: [(time: Double, value: Double)])? {
            guard let series = c.instance.series(named: name) else { return nil }
            let points = zip(series.timestamps, series.values).filter { $0.1.isFinite }.map { (time: $0.0, value: $0.1) }
            guard points.count >= 2 else { return nil }
            return (CounterIncrease(values: points.map(\.value)).increase, points)
        }
        guard let kills = rises("cgroup_memory_events_oom_kill_total"), kills.increase >= 1 else { return nil }
        let changed = kills.points.indices.dropFirst().filter { kills.points[$0].value != kills.points[$0 - 1].value }
        guard let first = changed.first, let last = changed.last else { return nil }
        var evidence: [(String, Double)] = [
            ("oom_kills", kills.increase),
            ("oom_kill_before", kills.points[0].value), ("oom_kill_after", kills.points[kills.points.count - 1].value),
            ("first_seen_at_unix", rounded(kills.points[first].time, 1000)),
            ("last_seen_at_unix", rounded(kills.points[last].time, 1000)),
        ]
        if let max = rises("cgroup_memory_events_max_total") { evidence.append(("memory_max_events", max.increase)) }
        if let limit = c.containerLimit { evidence.append(("limit_bytes", limit)) }
        return Finding(kind: .oomKill, severity: .critical, confidence: 1,
                       start: kills.points[first - 1].time, end: kills.points[last].time,
                       bytesAtStake: c.containerLimit ?? 0, evidence: evidence, facts: [])
    }
}
