import MemoryModel

extension FindingsEngine {
    /// The goroutine count over time: client_golang's `go_goroutines` (or its
    /// runtime/metrics twin), else nil.
    static func goroutineCount(_ c: Context) -> MetricSeries? {
        GoMemorySeriesNames.goroutineCounts.lazy.compactMap { c.instance.series(named: $0) }.first
    }

    /// `goroutine-leak`: the goroutine count (or, without it, goroutine stack memory)
    /// rises steadily, or the goroutineleak profile (Go 1.26+) proves a growing number of
    /// goroutines can never run again. A proof is decisive: confidence 1, critical, the
    /// attribution taken from the leak profile, and reported even where the window is
    /// too short for a trend (`trendRequired` false).
    static func goroutineFinding(_ c: Context, trendRequired: Bool = true) -> Finding? {
        let proof = GoroutineLeakProof(profiles: c.profiles)
        let proven = proof.flatMap {
            Double($0.leaked - ($0.leakedAtBase ?? 0)) >= c.thresholds.provenGoroutineLeakMinimum ? $0 : nil
        }
        let trended = trendRequired ? trendFinding(c) : nil
        guard var finding = trended ?? proven.map({ provenOnly(c, $0) }) else { return nil }
        if let proof { annotate(&finding, proof: proof, proven: proven != nil) }
        if let states = GoroutineSchedulerStates(instance: c.instance, from: c.start, to: c.end) { annotate(&finding, states: states) }
        return finding
    }

    /// Adds the scheduler's split (Go 1.26+): waiting goroutines at the start and end,
    /// runnable and running at the end, and whether the waiting ones only grew, which
    /// is how a leak looks there.
    private static func annotate(_ finding: inout Finding, states: GoroutineSchedulerStates) {
        guard let first = states.first[.waiting], let last = states.last[.waiting] else { return }
        finding.evidence.append(("waiting_goroutines_start", first))
        finding.evidence.append(("waiting_goroutines_end", last))
        if let runnable = states.last[.runnable] { finding.evidence.append(("runnable_goroutines_end", runnable)) }
        if let running = states.last[.running] { finding.evidence.append(("running_goroutines_end", running)) }
        if let created = states.created { finding.evidence.append(("goroutines_created", created)) }
        finding.facts.append(("waiting_only_grew", states.waitingOnlyGrew ? "yes" : "no"))
    }

    /// The trend half: nil unless the count (or stack memory) rises steadily.
    private static func trendFinding(_ c: Context) -> Finding? {
        let t = c.thresholds
        var evidence: [(key: String, value: Double)] = []
        var facts: [(key: String, value: String)] = []
        let trend: Trend
        if let count = goroutineCount(c) {
            let inWindow = count.timestamps.indices.filter { count.timestamps[$0] >= c.start && count.timestamps[$0] <= c.end }
            guard let fitted = Trend(times: inWindow.map { count.timestamps[$0] }, values: inWindow.map { count.values[$0] }),
                  let first = inWindow.first, let last = inWindow.last else { return nil }
            let delta = count.values[last] - count.values[first]
            guard fitted.confidence >= t.trendConfidence, delta >= t.goroutineLeakMinimum,
                  delta >= t.goroutineLeakMinimumFraction * max(count.values[first], 1) else { return nil }
            trend = fitted
            evidence = [("rate_goroutines_per_hour", rounded(fitted.slopePerHour)), ("goroutines_delta", delta),
                        ("goroutines_start", count.values[first]), ("goroutines_end", count.values[last])]
            facts.append(("series", count.name))
        } else {
            let stacks = c.breakdown.categories[.goroutineStacks]!
            guard let fitted = Trend(times: c.breakdown.timestamps, values: stacks), fitted.confidence >= t.trendConfidence,
                  fitted.change >= t.heapLeakMinimumBytes, fitted.change >= t.heapLeakMinimumFraction * max(fitted.fittedStart, 1)
            else { return nil }
            trend = fitted
            facts.append(("series", "goroutine stacks (no goroutine count recorded)"))
        }
        let stacks = c.breakdown.categories[.goroutineStacks]!
        let stackGrowth = stacks[stacks.count - 1] - stacks[0]
        evidence.append(("stack_growth_bytes", stackGrowth))
        evidence.append(("stack_rate_bytes_per_hour", rounded(trend.slope == 0 ? 0 : stackGrowth / max(c.window, 1) * 3600)))
        let attribution = goroutineGrowers(c.goroutineDiff)
        if let top = attribution.first, let blocking = top.detail { facts.append(("blocking", blocking)) }
        return Finding(kind: .goroutineLeak, severity: .warning, confidence: trend.confidence, start: trend.start, end: trend.end,
                       bytesAtStake: max(stackGrowth, 0), evidence: evidence, facts: facts, attribution: attribution)
    }

    /// A proven leak in a window too short (or a count too flat) for the trend test.
    private static func provenOnly(_ c: Context, _ proof: GoroutineLeakProof) -> Finding {
        let stacks = c.breakdown.categories[.goroutineStacks]!
        let stackGrowth = stacks[stacks.count - 1] - stacks[0]
        return Finding(kind: .goroutineLeak, severity: .critical, confidence: 1, start: c.start, end: c.end,
                       bytesAtStake: max(stackGrowth, 0), evidence: [("stack_growth_bytes", stackGrowth)])
    }

    /// Adds what the goroutineleak profile says. Proven: critical, confidence 1, the leak
    /// profile's sites as the attribution, with the dump's wait reason. Not proven: the
    /// count the profile saw, so the text can say the leak is one only a trend shows.
    private static func annotate(_ finding: inout Finding, proof: GoroutineLeakProof, proven: Bool) {
        finding.evidence.append(("leaked_goroutines", Double(proof.leaked)))
        if let base = proof.leakedAtBase { finding.evidence.append(("leaked_goroutines_base", Double(base))) }
        finding.facts.append(("leak_profile", proof.file))
        guard proven else {
            finding.facts.append(("proof", "none"))
            return
        }
        finding.severity = .critical
        finding.confidence = 1
        finding.facts.append(("proof", "runtime"))
        let wait = proof.waitReasons.first?.state
        if let wait { finding.facts.removeAll { $0.key == "blocking" }; finding.facts.append(("blocking", wait)) }
        let growing = proof.sites.filter { $0.delta > 0 }
        let floor = Double(growing.first?.delta ?? 0) * 0.02
        let fromProfile = growing.filter { Double($0.delta) >= floor }.prefix(5).map { row in
            // The dump's wait reason for the goroutine diff's matching group, else the most common one.
            let detail = finding.attribution.first { $0.function == row.function }?.detail ?? wait
            return Finding.Attribution(function: row.function, file: row.file, line: row.line, delta: row.delta, detail: detail)
        }
        if !fromProfile.isEmpty { finding.attribution = Array(fromProfile) }
    }

    /// The goroutine diff's growing groups (latest − earliest profile), largest first.
    static func goroutineGrowers(_ diff: GoroutineDiff?, limit: Int = 5) -> [Finding.Attribution] {
        guard let diff else { return [] }
        let growing = diff.rows.filter { $0.delta > 0 }
        // Groups far below the top one are the churn of a live service, not the leak.
        let floor = Double(growing.first?.delta ?? 0) * 0.02
        return growing.filter { Double($0.delta) >= floor }.prefix(limit).map { row in
            let owner = row.group.owner ?? row.group.frames.first
            return Finding.Attribution(function: owner?.function ?? "?", file: owner?.file ?? "", line: owner?.line ?? 0,
                                       delta: row.delta, detail: row.group.blockingOperation)
        }
    }

    /// The share of the heap profile's growth held by goroutine creation (stacks through
    /// `runtime.malg`, which allocates each goroutine) and by the functions on the
    /// growing goroutines' stacks or that started them, each site charged to its owned
    /// frame (`OwnedSiteGrowth`); nil without two heap profiles and a goroutine diff.
    static func goroutineShareOfHeapGrowth(_ c: Context, leak: Finding) -> Double? {
        guard let diff = c.goroutineDiff, let growth = ownedHeapGrowth(c.profiles) else { return nil }
        var functions: Set<String> = []
        for row in diff.rows where row.delta > 0 {
            for frame in row.group.frames where !OwnedSiteGrowth.isRuntime(frame.function) { functions.insert(frame.function) }
            if let creator = row.group.createdBy?.split(separator: " ").first { functions.insert(String(creator)) }
        }
        let growing = growth.rows.filter { $0.delta > 0 }
        let total = growing.reduce(0.0) { $0 + Double($1.delta) }
        guard total > 0 else { return nil }
        let explained = growing.filter { $0.createsGoroutines || functions.contains($0.function) }
            .reduce(0.0) { $0 + Double($1.delta) }
        return explained / total
    }
}
