import MemoryModel

extension FindingsEngine {
    /// `gc-pressure`: frequent collections (info), or collections that take a large
    /// share of CPU or of wall time in pauses (warning). The CPU share is the window's
    /// from `/cpu/classes/gc` where recorded (`GCCPUShare`), else expvar's
    /// `GCCPUFraction`, an average since the process started.
    static func gcFinding(_ c: Context) -> Finding? {
        let t = c.thresholds
        guard let cycles = c.breakdown.gcCycles, c.window > 0 else { return nil }
        let perMinute = cycles / (c.window / 60)
        // Over the window from runtime/metrics (Go 1.20+), else expvar's average since start.
        let window = GCCPUShare(instance: c.instance, from: c.start, to: c.end)
        let cpu = window?.share ?? c.instance.series(named: GCCPUShare.expvarFraction)?.values.last { $0.isFinite }
        let pauseShare = c.breakdown.gcPauses.map { $0.total / c.window }
        let pressured = (cpu ?? 0) >= t.gcCPUFraction || (pauseShare ?? 0) >= t.gcPauseShare
        guard pressured || perMinute >= t.gcCyclesPerMinute else { return nil }
        var evidence: [(key: String, value: Double)] = [("gc_cycles", cycles), ("cycles_per_minute", rounded(perMinute, 10))]
        if let cpu { evidence.append(("gc_cpu_fraction", rounded(cpu, 10000))) }
        if let window { evidence.append(("gc_cpu_seconds", rounded(window.gcSeconds, 1000))) }
        if let pauseShare { evidence.append(("pause_share", rounded(pauseShare, 10000))) }
        if let goal = (c.instance.series(named: "go_gc_heap_goal_bytes") ?? c.instance.series(named: "go_memstats_next_gc_bytes"))?
            .values.last(where: { $0.isFinite }) {
            evidence.append(("heap_goal_bytes", goal))
        }
        let facts: [(key: String, value: String)] = cpu == nil ? [] : [("gc_cpu_source", window != nil ? "runtime/metrics" : "expvar")]
        return Finding(kind: .gcPressure, severity: pressured ? .warning : .info, confidence: 1, start: c.start, end: c.end,
                       bytesAtStake: 0, evidence: evidence, facts: facts)
    }
}
