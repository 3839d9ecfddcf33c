import Foundation
import Analysis
import MemoryModel

extension ComparePage {
    /// Shapes `comparison`, with the results of the budgets it was judged on.
    public static func build(_ comparison: RecordingComparison, budgets: [BudgetRule.Result], css: String) -> ComparePage {
        let base = comparison.base.recording, candidate = comparison.candidate.recording
        let pairs = comparison.instances.map { pair in
            let charts = Self.charts(pair, comparison)
            func memberRows(_ side: String, _ ids: [InstanceID], _ levels: [Double?]) -> [MemberRow] {
                zip(ids, levels).map { MemberRow(side: side, instance: $0.description, goMemory: $1.map { ByteFormat.string($0) } ?? "–") }
            }
            let members = comparison.pairing == .pooled
                ? memberRows("base", pair.baseMembers, pair.baseMemberGoMemory) + memberRows("candidate", pair.candidateMembers, pair.candidateMemberGoMemory) : []
            let heading = pair.base == pair.candidate ? pair.candidate.description : "\(pair.base) → \(pair.candidate)"
            return Pair(heading: heading, anchor: "pair-" + ReportPage.slug(heading), goMemory: pair.metric(.goMemory).map(metricRow),
                        metrics: pair.metrics.map(metricRow),
                        categories: pair.categoryChanges.map {
                            CategoryRow(title: $0.category.title, base: ByteFormat.string($0.base), candidate: ByteFormat.string($0.candidate),
                                        change: ByteFormat.signed($0.candidate - $0.base))
                        },
                        baseChartSVG: charts.base, candidateChartSVG: charts.candidate, changeChartSVG: charts.change, legend: charts.legend,
                        members: members, hasMembers: !members.isEmpty)
        }
        let exceeded = budgets.filter(\.exceeded)
        // With several pairs, each finding says whose it is.
        let several = comparison.instances.count > 1
        func rows(_ pick: (FindingsChange) -> [Finding]) -> [FindingRow] {
            zip(comparison.instances, comparison.findings).flatMap { pair, change in
                pick(change).map {
                    FindingRow(severity: $0.severity.rawValue, id: $0.kind.rawValue,
                               title: (several ? "\(pair.candidate): " : "") + FindingText(finding: $0, profiles: ProfileSet()).title)
                }
            }
        }
        let normalized = comparison.normalizedHeapDiff.flatMap { diff in
            comparison.heapDiff.map { ProfileViews.growthRows(diff.top, unit: $0.sampleType.unit) }
        }
        let new = rows(\.new), resolved = rows(\.resolved), unchanged = rows(\.unchanged)
        return ComparePage(
            title: "Go memory compared: \(base.name) → \(candidate.name)",
            toolName: ToolVersion.name, toolVersion: ToolVersion.current,
            contentSecurityPolicy: ContentSecurityPolicy.forReport, css: css,
            verdictHTML: MarkdownHTML.render(verdict(comparison)),
            base: side("Base", comparison.base), candidate: side("Candidate", comparison.candidate),
            alignment: alignment(comparison),
            testNote: "Each figure is the median of the second half of its side's window (the first half may be warming up); "
                + "GC cycles are a rate between samples. A change counts as beyond noise when the Mann–Whitney U test rejects "
                + "“one distribution” at p < \(MetricComparison.significanceLevel) and the medians differ by more than half the larger "
                + "interquartile range of the two sides, \(Int(MetricComparison.relativeFloor * 100))% of the base, \(ByteFormat.string(MetricComparison.bytesFloor)) for memory and "
                + "\(String(format: "%g", MetricComparison.shareFloor * 100)) percentage points for GC CPU: "
                + "samples of a series follow each other, so p alone would overstate a change, and two runs of one build settle a few hundred KiB apart.",
            pairs: pairs, hasOverview: pairs.count > 1,
            budgets: budgets.map(budgetRow), hasBudgets: !budgets.isEmpty,
            budgetSummary: budgets.isEmpty ? "" : exceeded.isEmpty
                ? "Every budget holds (\(budgets.count) checked)."
                : "\(exceeded.count) of \(budgets.count) budget\(budgets.count == 1 ? "" : "s") exceeded: \(exceeded.map { "\($0.rule.text) (\($0.instance))" }.joined(separator: ", ")).",
            newFindings: new, resolvedFindings: resolved, unchangedFindings: unchanged,
            hasNewFindings: !new.isEmpty, hasResolvedFindings: !resolved.isEmpty, hasUnchangedFindings: !unchanged.isEmpty,
            findingsSummary: "\(new.count) new, \(resolved.count) resolved, \(unchanged.count) in both.",
            heapProfile: comparison.heapDiff.map(ProfileSectionView.build),
            noHeapDiff: comparison.heapDiff == nil ? "A side has no heap profile: nothing to diff." : nil,
            normalizedGrowth: normalized ?? [], hasNormalizedGrowth: !(normalized?.isEmpty ?? true),
            normalizedNote: comparison.normalizedHeapDiff.map { diff in
                "The candidate's latest heap profile scaled to the base's total (pprof -normalize), against the base's latest: "
                    + "where the heap's shape changed, whatever its volume did. Functions below "
                    + "\(String(format: "%g", ProfileDiffAnalysis.Limits().nodeFraction * 100))% of the base total"
                    + (diff.noiseFloor > 0 ? ", and changes of at most \(ByteFormat.string(Double(diff.noiseFloor))) (two samples, scaled likewise)," : "")
                    + " are left out as noise."
            } ?? "",
            goroutines: comparison.goroutineDiff.map { GoroutineSectionView.build($0) },
            noGoroutineDiff: comparison.goroutineDiff == nil ? "A side has no goroutine profile: nothing to diff." : nil)
    }

    /// `verdict` for a terminal: Markdown's escapes removed (stderr).
    public static func plainVerdict(_ comparison: RecordingComparison) -> String {
        MarkdownText.unescaped(verdict(comparison))
    }

    /// One sentence (Markdown) for the top of the page, the PR comment and stderr: "Candidate uses
    /// 48.1 MiB (+62%) more Go memory at steady state, mostly Heap live & dead objects
    /// in `main.(*Cache).Put`."
    ///
    /// With several instance pairs (a fleet now and last week), it counts them: "2 of 3
    /// instances use more Go memory at steady state; the largest change, `a`: 96.6 MiB
    /// (+921%) more, mostly heap live & dead objects."
    public static func verdict(_ comparison: RecordingComparison) -> String {
        guard comparison.instances.count > 1 else { return pairVerdict(comparison) }
        let measured = comparison.instances.compactMap { pair in pair.metric(.goMemory).map { (pair, $0) } }
        let up = measured.filter { $0.1.verdict == .increased }.sorted { ($0.1.change ?? 0) > ($1.1.change ?? 0) }
        let down = measured.filter { $0.1.verdict == .decreased }.sorted { ($0.1.change ?? 0) < ($1.1.change ?? 0) }
        let total = comparison.instances.count
        guard let (pair, go) = up.first ?? down.first else {
            return "No significant change in Go memory at steady state on any of the \(total) instances."
        }
        let name = MarkdownText.escape(pair.candidate.description)
        func count(_ n: Int, _ word: String) -> String { "\(n) of \(total) instances use\(n == 1 ? "s" : "") \(word) Go memory at steady state" }
        var text = up.isEmpty ? count(down.count, "less") : count(up.count, "more")
        let clause = changeClause(pair, go, comparison, profiles: false)
        text += "; the largest change, \(name): \(clause.amount)\(clause.attribution)."
        if !up.isEmpty, !down.isEmpty { text += " \(down.count) use\(down.count == 1 ? "s" : "") less." }
        return text
    }

    /// A Go memory change in two parts: "96.6 MiB (+921%) more", and ", mostly heap live &
    /// dead objects in `main.(*Cache).Put`" (or ""), the function only when `profiles`
    /// (the recordings' heap diff is of their first instance).
    static func changeClause(_ pair: InstanceComparison, _ go: MetricComparison, _ comparison: RecordingComparison,
                             profiles: Bool) -> (amount: String, attribution: String) {
        let more = go.verdict == .increased
        let percent = go.relativeChange.map { " (\(percentText($0, decimals: 0)))" } ?? ""
        let amount = "\(ByteFormat.string(abs(go.change ?? 0)))\(percent) \(more ? "more" : "less")"
        let ordered = more ? pair.categoryChanges : pair.categoryChanges.reversed()
        guard let top = ordered.first, let change = go.change, (top.candidate - top.base) / change > 0.5 else { return (amount, "") }
        var attribution = ", mostly \(top.category.title.lowercased())"
        if profiles, top.category == .heapObjects, more,
           let grower = comparison.heapDiff?.diff?.top.rows.filter({ $0.flat > 0 }).max(by: { ($0.flat, $1.name) < ($1.flat, $0.name) }) {
            attribution += " in \(MarkdownText.code(grower.name))"
        }
        return (amount, attribution)
    }

    /// The verdict of a comparison of one instance pair.
    static func pairVerdict(_ comparison: RecordingComparison) -> String {
        guard let pair = comparison.instances.first, let go = pair.metric(.goMemory) else { return "Nothing could be compared." }
        switch go.verdict {
        case .increased, .decreased:
            let clause = changeClause(pair, go, comparison, profiles: true)
            return "Candidate uses \(clause.amount) Go memory at steady state\(clause.attribution)."
        case .noSignificantChange:
            var p = go.test.map { " (Mann–Whitney \(pText($0.pValue)))" } ?? ""
            if let test = go.test, let change = go.change, let floor = go.floor {
                if test.pValue < MetricComparison.significanceLevel {
                    p = " (\(ByteFormat.signed(change)), within the \(ByteFormat.string(floor)) that counts as noise)"
                } else if abs(change) > floor {
                    // The medians are far apart but the samples overlap (a spiky side): say so,
                    // so "no significant change" does not read as "the same".
                    p = ", but the samples overlap too much to tell them apart (Mann–Whitney \(pText(test.pValue)))"
                }
            }
            return "No significant change in Go memory at steady state: "
                + "\(ByteFormat.string(go.base?.median ?? 0)) in the base, \(ByteFormat.string(go.candidate?.median ?? 0)) in the candidate\(p)."
        case .notCompared:
            return "Go memory could not be compared at steady state: a side has too few samples in the second half of its window."
        }
    }

    /// Each side's chart of the report, both on the larger side's y scale so heights
    /// compare at a glance, and the categories' changes as bars. A pooled side draws its
    /// instances' mean at each time.
    static func charts(_ pair: InstanceComparison, _ comparison: RecordingComparison)
        -> (base: String, candidate: String, change: String, legend: [LegendEntry]) {
        func chart(_ analysis: ReportAnalysis, _ members: [InstanceID], _ pooled: MemoryBreakdown?, _ side: String) -> (StackedAreaChart, MemoryBreakdown)? {
            if let pooled {
                var chart = InstanceSection.chart(pooled, findings: [], profiles: ProfileSet())
                chart.title = "\(side): mean Go memory of \(members.count) pooled instances by category over time"
                return (chart, pooled)
            }
            guard let id = members.first, let index = analysis.breakdowns.firstIndex(where: { $0.instance == id }) else { return nil }
            let breakdown = analysis.breakdowns[index]
            var chart = InstanceSection.chart(breakdown, findings: analysis.findings[index],
                                              profiles: index == 0 ? analysis.recording.profiles : ProfileSet())
            chart.title = "\(side): Go memory of \(id) by category over time"
            return (chart, breakdown)
        }
        guard var base = chart(comparison.base, pair.baseMembers, pair.basePooled, "Base"),
              var candidate = chart(comparison.candidate, pair.candidateMembers, pair.candidatePooled, "Candidate") else {
            return ("", "", "", [])
        }
        let top = max(base.0.dataMaximum, candidate.0.dataMaximum)
        base.0.yMinimumTop = top
        candidate.0.yMinimumTop = top
        let change = CategoryChangeChart(
            title: "Change of each category from base to candidate",
            description: pair.categoryChanges.map { "\($0.category.title) \(ByteFormat.signed($0.candidate - $0.base))" }.joined(separator: ", "),
            rows: pair.categoryChanges.map { .init(name: $0.category.title, color: ChartPalette.color(for: $0.category), change: $0.candidate - $0.base) })
        return (base.0.svg(), candidate.0.svg(), change.svg(), InstanceSection.legend(candidate.1))
    }

    static func side(_ label: String, _ analysis: ReportAnalysis) -> Side {
        let samples = analysis.breakdowns.map(\.count).max() ?? 0
        var window = "no samples"
        if let (start, end) = MemoryBreakdown.window(analysis.breakdowns) {
            window = "\(UTCTime(unixSeconds: start).readable) – \(UTCTime(unixSeconds: end).readable) "
                + "(\(DurationFormat.string(seconds: end - start)), \(samples) samples)"
        }
        return Side(label: label, recording: analysis.recording.name, window: window)
    }

    static func alignment(_ comparison: RecordingComparison) -> String {
        var text: String
        switch comparison.pairing {
        case .sameInstance: text = "Instances are paired by job and instance labels."
        case .onlyInstances:
            let pair = comparison.instances[0]
            text = "The sides share no instance label, and each has one instance: \(pair.base) (base) is compared with \(pair.candidate) (candidate)."
        case .pooled:
            let pair = comparison.instances[0]
            func members(_ ids: [InstanceID]) -> String {
                ids.count == 1 ? "its one instance, \(ids[0])" : "its \(ids.count) instances (\(ids.map(\.description).joined(separator: ", ")))"
            }
            text = "Each side's instances are pooled: the base is \(members(pair.baseMembers)), the candidate \(members(pair.candidateMembers)). "
                + "Each figure's steady-state samples from every instance of a side make one level, so the spread between instances counts as noise; "
                + "findings are matched by kind across the side."
        }
        if !comparison.unpairedBase.isEmpty { text += " Only in the base: \(comparison.unpairedBase.map(\.description).joined(separator: ", "))." }
        if !comparison.unpairedCandidate.isEmpty { text += " Only in the candidate: \(comparison.unpairedCandidate.map(\.description).joined(separator: ", "))." }
        for pair in comparison.instances {
            if pair.schemes.base != pair.schemes.candidate {
                text += " \(pair.candidate): the base's categories come from \(pair.schemes.base.rawValue), the candidate's from "
                    + "\(pair.schemes.candidate.rawValue); both give the same eight categories and Go memory."
            }
            func how(_ source: LiveHeapSeries.Source) -> String {
                switch source {
                case .liveBytes: return "go_gc_heap_live_bytes"
                case .heapGoal(let series, _, _): return "the heap goal (\(series))"
                case .cycleLows: return "the low point of each GC cycle"
                case .rollingLows: return "the low point of every five samples"
                }
            }
            let bases = how(pair.liveHeapSources.base), candidates = how(pair.liveHeapSources.candidate)
            if bases != candidates {
                text += " The live heap after GC is measured differently: the base's from \(bases), the candidate's from \(candidates); "
                    + "compare it with care."
            }
        }
        let durations = [comparison.base, comparison.candidate].map { analysis in
            MemoryBreakdown.window(analysis.breakdowns).map { $0.end - $0.start } ?? 0
        }
        if abs(durations[0] - durations[1]) > 0.1 * max(durations[0], durations[1]) {
            text += " The windows differ in length (\(DurationFormat.string(seconds: durations[0])) and \(DurationFormat.string(seconds: durations[1]))): "
                + "levels and rates are compared, never sums."
        }
        return text
    }

    static func metricRow(_ m: MetricComparison) -> MetricRow {
        MetricRow(
            title: m.metric.title, key: m.metric.rawValue,
            base: m.base.map { value($0.median, m.metric.unit) } ?? "–",
            candidate: m.candidate.map { value($0.median, m.metric.unit) } ?? "–",
            change: m.change.map { signed($0, m.metric.unit) } ?? "–",
            percent: m.relativeChange.map { percentText($0) } ?? "–",
            test: m.test.map { pText($0.pValue) } ?? "–",
            verdict: verdictText(m), verdictClass: m.verdict.rawValue)
    }

    public static func budgetRow(_ r: BudgetRule.Result) -> BudgetRow {
        let unit = r.rule.metric.unit
        let measured = r.measured
            ? (r.comparison.change.map { signed($0, unit) } ?? "–") + (r.comparison.relativeChange.map { " (\(percentText($0)))" } ?? "")
                + (r.comparison.verdict == .increased ? "" : ", within noise or lower")
            : r.comparison.goMemoryAboveRSSInBase || r.comparison.goMemoryAboveRSSInCandidate ? "not measured: Go memory is above RSS, so RSS − Go says nothing"
            : "not measured: a side lacks \(r.rule.metric.title.lowercased())"
        return BudgetRow(rule: r.rule.text, instance: r.instance, measured: measured,
                         result: r.exceeded ? "exceeded" : r.measured ? "within budget" : "not measured",
                         resultClass: r.exceeded ? "exceeded" : r.measured ? "within" : "not-measured")
    }

    static func verdictText(_ m: MetricComparison) -> String {
        switch m.verdict {
        case .increased: return "increased"
        case .decreased: return "decreased"
        case .noSignificantChange: return "no significant change"
        case .notCompared:
            switch (m.goMemoryAboveRSSInBase, m.goMemoryAboveRSSInCandidate) {
            case (true, true): return "not comparable: Go memory above RSS on both sides (reserved, never touched)"
            case (true, false): return "not comparable: Go memory above RSS in the base (reserved, never touched)"
            case (false, true): return "not comparable: Go memory above RSS in the candidate (reserved, never touched)"
            case (false, false): return m.base == nil && m.candidate == nil ? "not recorded" : m.base == nil ? "not in the base" : "not in the candidate"
            }
        }
    }

    static func value(_ v: Double, _ unit: ComparedMetric.Unit) -> String {
        switch unit {
        case .bytes: return ByteFormat.string(v)
        case .count: return ProfileValueFormat.grouped(Int64(max(min(v.rounded(), 9e18), -9e18)))
        case .perMinute: return String(format: "%.1f", v)
        case .share: return String(format: "%.2f%%", v * 100)
        }
    }

    static func signed(_ v: Double, _ unit: ComparedMetric.Unit) -> String {
        switch unit {
        case .bytes: return ByteFormat.signed(v)
        case .share: return String(format: "%+.2f pp", v * 100).replacingOccurrences(of: "-", with: "−")
        default: return (v > 0 ? "+" : "") + value(v, unit).replacingOccurrences(of: "-", with: "−")
        }
    }

    /// "+12.5%", "−3.0%" (a minus sign, as the byte figures).
    static func percentText(_ fraction: Double, decimals: Int = 1) -> String {
        String(format: "%+.\(decimals)f%%", fraction * 100).replacingOccurrences(of: "-", with: "−")
    }

    /// "p = 0.412", or "p < 0.001".
    static func pText(_ p: Double) -> String {
        p < 0.001 ? "p < 0.001" : String(format: "p = %.3f", p)
    }
}
