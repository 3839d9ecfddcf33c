import MemoryModel

extension FindingsEngine {
    /// `heap-leak` or `heap-warm-up`, judged on the live heap after each GC.
    static func heapFinding(_ c: Context) -> Finding? {
        let t = c.thresholds
        if let cycles = c.breakdown.gcCycles, cycles < t.minimumGCCycles { return nil }
        let live = c.live
        guard let trend = Trend(times: live.times, values: live.values) else { return nil }
        let growth = trend.change
        let base = max(trend.fittedStart, 1)
        guard trend.confidence >= t.trendConfidence else { return nil }
        guard growth >= t.heapLeakMinimumBytes, growth >= t.heapLeakMinimumFraction * base else {
            // A rise that stopped early leaves most pairs of points on the plateau, so
            // the robust slope is flat: look for the step itself.
            return warmUpStep(live, thresholds: t)
        }

        var facts: [(key: String, value: String)] = [("live_heap_source", sourceName(live.source))]
        // Growth that stopped: the last third no longer rises (or far slower).
        let cut = trend.start + (trend.end - trend.start) * 2 / 3
        let tail = live.times.indices.filter { live.times[$0] >= cut }
        let tailTrend = Trend(times: tail.map { live.times[$0] }, values: tail.map { live.values[$0] })
        let levelled = tailTrend.map { $0.confidence < t.plateauConfidence || $0.slope < t.plateauSlopeFraction * trend.slope } ?? false
        let finalLevel = live.values.suffix(max(1, live.values.count / 10)).sorted()[max(1, live.values.count / 10) / 2]
        if levelled {
            let reached = live.times.indices.first { live.values[$0] >= 0.9 * finalLevel }.map { live.times[$0] } ?? cut
            facts.append(("plateau_from", String(reached)))
            return Finding(kind: .heapWarmUp, severity: .info, confidence: trend.confidence, start: trend.start, end: reached,
                           bytesAtStake: growth,
                           evidence: [("growth_bytes", rounded(growth)), ("live_heap_start_bytes", rounded(trend.fittedStart)),
                                      ("plateau_bytes", rounded(finalLevel)), ("plateau_start_unix", rounded(reached, 1000))],
                           facts: facts)
        }

        let perHour = trend.slopePerHour
        var evidence: [(key: String, value: Double)] = [
            ("rate_bytes_per_hour", rounded(perHour)), ("growth_bytes", rounded(growth)),
            ("live_heap_start_bytes", rounded(trend.fittedStart)), ("live_heap_end_bytes", rounded(trend.fittedEnd)),
        ]
        if let cycles = c.breakdown.gcCycles { evidence.append(("gc_cycles", cycles)) }
        var severity = Finding.Severity.warning
        if perHour >= t.criticalGrowthPerHour * base { severity = .critical }
        if let limit = c.anyLimit {
            let goNow = c.breakdown.goMemory[c.breakdown.lastIndex]
            let hours = perHour > 0 ? max(0, limit - goNow) / perHour : .infinity
            evidence.append(("memory_limit_bytes", limit))
            if hours.isFinite { evidence.append(("hours_to_limit", rounded(hours, 100))) }
            if hours < t.criticalHoursToLimit { severity = .critical }
        }
        // Growth starts where the fitted line leaves the early level: the first point
        // above the start by a tenth of the growth.
        let began = live.times.indices.first { live.values[$0] >= trend.fittedStart + 0.1 * growth }.map { live.times[$0] } ?? trend.start
        evidence.append(("growth_start_unix", rounded(began, 1000)))
        return Finding(kind: .heapLeak, severity: severity, confidence: trend.confidence, start: began, end: trend.end,
                       bytesAtStake: growth, evidence: evidence, facts: facts, attribution: heapGrowers(c.profiles))
    }

    /// `heap-warm-up` when the live heap's early level (median of the first tenth) is
    /// well below its late level (median of the second half) and the second half is flat.
    static func warmUpStep(_ live: LiveHeapSeries, thresholds t: FindingThresholds) -> Finding? {
        let count = live.values.count
        guard count >= 10 else { return nil }
        let early = Trend.median(sorted: live.values.prefix(max(1, count / 10)).sorted())
        let late = Trend.median(sorted: live.values.suffix(count / 2).sorted())
        let rise = late - early
        guard rise >= t.heapLeakMinimumBytes, rise >= t.heapLeakMinimumFraction * max(early, 1) else { return nil }
        let half = count - count / 2
        if let tail = Trend(times: Array(live.times[half...]), values: Array(live.values[half...])),
           tail.confidence >= t.plateauConfidence, tail.change >= t.plateauSlopeFraction * rise { return nil }
        let reached = live.times.indices.first { live.values[$0] >= early + 0.9 * rise }.map { live.times[$0] } ?? live.times[half]
        return Finding(kind: .heapWarmUp, severity: .info, confidence: 1, start: live.times[0], end: reached, bytesAtStake: rise,
                       evidence: [("growth_bytes", rounded(rise)), ("live_heap_start_bytes", rounded(early)),
                                  ("plateau_bytes", rounded(late)), ("plateau_start_unix", rounded(reached, 1000))],
                       facts: [("live_heap_source", sourceName(live.source)), ("plateau_from", String(reached))])
    }

    static func sourceName(_ source: LiveHeapSeries.Source) -> String {
        switch source {
        case .liveBytes: return "go_gc_heap_live_bytes"
        case let .heapGoal(series, gogc, assumed):
            return "\(series) ÷ (1 + GOGC/100), GOGC=\(GCSettings.number(gogc))\(assumed ? " assumed" : "")"
        case .cycleLows: return "lowest heap objects of each GC cycle"
        case .rollingLows: return "lowest heap objects of every 5 samples"
        }
    }

    /// The heap profile diff's growing sites (latest − earliest inuse_space), largest
    /// first, each charged to the first frame the service owns (`OwnedSiteGrowth`), never
    /// to an allocator frame of the runtime.
    static func heapGrowers(_ profiles: ProfileSet, limit: Int = 5) -> [Finding.Attribution] {
        guard let growth = ownedHeapGrowth(profiles) else { return [] }
        let growing = growth.rows.filter { $0.delta > 0 }
        // Sites far below the top one are noise of sampling, not part of the story.
        let floor = Double(growing.first?.delta ?? 0) * 0.02
        return growing.filter { Double($0.delta) >= floor }.prefix(limit).map {
            Finding.Attribution(function: $0.function, file: $0.file, line: $0.line, delta: $0.delta)
        }
    }

    /// Latest − earliest heap profile in the default sample type, by owned site; nil
    /// without two heap profiles sharing that type.
    static func ownedHeapGrowth(_ profiles: ProfileSet) -> OwnedSiteGrowth? {
        guard let current = profiles.heap, let base = profiles.heapBase else { return nil }
        let index = current.profile.defaultSampleTypeIndex
        guard index < current.profile.sampleTypes.count,
              let baseIndex = base.profile.sampleTypeIndex(current.profile.sampleTypes[index].type) else { return nil }
        return OwnedSiteGrowth(current: current.profile, currentIndex: index, base: base.profile, baseIndex: baseIndex)
    }
}
