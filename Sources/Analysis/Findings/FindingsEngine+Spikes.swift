import MemoryModel

extension FindingsEngine {
    /// `spiky-heap`: short peaks of heap objects far above their median, with no trend.
    /// Suggests a soft memory limit derived from the data.
    static func spikeFinding(_ c: Context, heapTrend: Bool) -> Finding? {
        let t = c.thresholds
        guard !heapTrend else { return nil }
        let b = c.breakdown
        let objects = b.categories[.heapObjects]!
        let baseline = Trend.median(sorted: objects.sorted())
        guard let peakIndex = objects.indices.max(by: { objects[$0] < objects[$1] }) else { return nil }
        let peak = objects[peakIndex]
        guard peak >= t.spikeRatio * max(baseline, 1), peak - baseline >= t.spikeMinimumBytes else { return nil }

        // Peaks: runs of samples above halfway between the baseline and the highest peak.
        let level = baseline + 0.5 * (peak - baseline)
        var runs: [(start: Int, end: Int)] = []
        for index in objects.indices where objects[index] >= level {
            if let last = runs.last, last.end == index - 1 { runs[runs.count - 1].end = index } else { runs.append((index, index)) }
        }
        let step = c.window / Double(max(b.count - 1, 1))
        let durations = runs.map { b.timestamps[$0.end] - b.timestamps[$0.start] + step }
        let above = durations.reduce(0, +)
        guard above <= t.spikeMaximumTimeShare * c.window else { return nil }
        // Peaks on a rising floor are growth, not spikes.
        if let trend = Trend(times: b.timestamps, values: objects), trend.confidence >= t.trendConfidence,
           trend.change >= 0.5 * (peak - baseline) { return nil }

        // A soft limit that lets the largest live heap through with a quarter to spare,
        // plus what Go holds outside the heap: the spikes still fit, the 2× heap growth
        // around them does not.
        let largestLive = c.live.values.max() ?? baseline
        let outsideHeap = Trend.median(sorted: b.timestamps.indices.map { b.goMemory[$0] - b.heapTotal[$0] }.sorted())
        let mib16 = 16.0 * 1024 * 1024
        var suggestion = ((1.25 * largestLive + max(outsideHeap, 0)) / mib16).rounded(.up) * mib16
        if let container = c.containerLimit { suggestion = min(suggestion, (0.9 * container / mib16).rounded(.down) * mib16) }
        var evidence: [(key: String, value: Double)] = [
            ("peak_bytes", peak), ("baseline_bytes", rounded(baseline)), ("peak_to_baseline_ratio", rounded(peak / max(baseline, 1), 10)),
            ("peak_count", Double(runs.count)), ("longest_peak_seconds", rounded(durations.max() ?? 0, 10)),
            ("peak_go_memory_bytes", b.goMemory.max() ?? 0), ("suggested_gomemlimit_bytes", suggestion),
        ]
        if let current = c.goMemoryLimit { evidence.append(("gomemlimit_bytes", current)) }
        return Finding(kind: .spikyHeap, severity: .warning, confidence: 1, start: b.timestamps[runs[0].start],
                       end: b.timestamps[runs[runs.count - 1].end], bytesAtStake: peak - baseline, evidence: evidence,
                       facts: [("peak_at_unix", String(b.timestamps[peakIndex]))])
    }
}
