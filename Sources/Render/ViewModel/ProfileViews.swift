import Foundation
import Analysis
import Markdown
import MemoryModel

/// Formatting shared by the profile sections.
enum ProfileViews {
    static func time(_ seconds: Double?) -> String {
        seconds.map { UTCTime(unixSeconds: $0).readable } ?? "time unknown"
    }

    static func rows(_ top: ProfileTop, unit: String) -> [ProfileTopRowView] {
        var sum: Int64 = 0
        return top.rows.map { row in
            sum &+= row.flat
            return ProfileTopRowView(
                name: row.name, flat: ProfileValueFormat.string(row.flat, unit: unit),
                flatPercent: ProfileValueFormat.pprofPercentage(row.flat, of: top.total).trimmed,
                sumPercent: ProfileValueFormat.pprofPercentage(sum, of: top.total).trimmed,
                cum: ProfileValueFormat.string(row.cum, unit: unit), cumPercent: ProfileValueFormat.pprofPercentage(row.cum, of: top.total).trimmed,
                inlineLabel: row.inlineLabel,
                exact: "flat \(row.flat), cum \(row.cum)")
        }
    }

    /// A signed top's ten largest growths, by flat then cum, signed.
    static func growthRows(_ top: ProfileTop, unit: String) -> [ProfileTopRowView] {
        growthRows(Array(zip(top.rows, rows(top, unit: unit))))
    }

    /// The growths of rows already shaped (`rows`), each beside its analysis row.
    private static func growthRows(_ ordered: [(ProfileTop.Row, ProfileTopRowView)]) -> [ProfileTopRowView] {
        let grew = ordered.filter { pair in pair.0.flat > 0 || (pair.0.flat == 0 && pair.0.cum > 0) }
        let sorted = grew.sorted { a, b in (a.0.flat, a.0.cum, b.0.name) > (b.0.flat, b.0.cum, a.0.name) }
        return sorted.prefix(10).map { pair in signedRow(pair.1, pair.0) }
    }

    static func diff(_ diff: ProfileDiffAnalysis, current: RecordedProfile, unit: String) -> ProfileDiffView {
        let top = diff.top, base = diff.base
        let ordered = Array(zip(top.rows, rows(top, unit: unit)))
        let growth = growthRows(ordered)
        let shrink = ordered.filter { $0.0.flat < 0 || ($0.0.flat == 0 && $0.0.cum < 0) }
            .sorted { ($0.0.flat, $0.0.cum, $0.0.name) < ($1.0.flat, $1.0.cum, $1.0.name) }.prefix(10).map { signedRow($0.1, $0.0) }
        func stackRow(_ row: StackDiff.Row) -> StackDiffRowView {
            StackDiffRowView(delta: (row.delta > 0 ? "+" : "") + ProfileValueFormat.string(row.delta, unit: unit),
                             base: ProfileValueFormat.string(row.base, unit: unit),
                             current: ProfileValueFormat.string(row.current, unit: unit),
                             stack: row.functions.joined(separator: " ← "))
        }
        let flame = DiffFlameGraph(diff: diff.callTree, title: "Diff flame graph: \(current.file) − \(base.file)")
        let currentTotal = diff.currentTotal
        let change = currentTotal - top.total
        let percent = top.total > 0 ? String(format: "%+.0f%%", Double(change) / Double(top.total) * 100) : "n/a"
        return ProfileDiffView(
            baseFile: base.file, baseTime: time(base.time),
            summary: "\(ProfileValueFormat.string(top.total, unit: unit)) → \(ProfileValueFormat.string(currentTotal, unit: unit)) "
                + "(\(change >= 0 ? "+" : "")\(ProfileValueFormat.string(change, unit: unit)), \(percent) of the base)",
            noiseNote: noiseNote(diff, current: current, unit: unit),
            growthRows: growth, shrinkRows: shrink,
            stackGrowth: diff.stackGrowth.map(stackRow), stackShrink: diff.stackShrink.map(stackRow),
            hasShrink: !shrink.isEmpty,
            flameGraphSVG: flame.svg(), baseOnlyFlameGraphSVG: flame.baseOnlySVG())
    }

    /// "Changes of at most 1.0 MiB (two samples at the profile's 512 KiB sampling rate) are
    /// left out as sampling noise (14 functions)."; nil without a floor.
    static func noiseNote(_ diff: ProfileDiffAnalysis, current: RecordedProfile, unit: String) -> String? {
        guard diff.noiseFloor > 0 else { return nil }
        let functions = diff.functionsLeftOutAsNoise == 1 ? "1 function" : "\(diff.functionsLeftOutAsNoise) functions"
        return "Changes of at most \(ProfileValueFormat.string(diff.noiseFloor, unit: unit)) "
            + "(two samples at the profile's \(ProfileValueFormat.string(current.profile.period, unit: unit)) sampling rate) "
            + "are left out as sampling noise (\(functions))."
    }

    /// "half" at GOGC=100, "a third" at 200: the live share of the heap at the goal.
    static func share(of gogc: Double) -> String {
        let fraction = 1 / (1 + gogc / 100)
        switch fraction {
        case 0.45...0.55: return "half"
        case 0.3..<0.37: return "a third"
        case 0.23..<0.27: return "a quarter"
        default: return String(format: "%.0f%%", fraction * 100)
        }
    }

    private static func signedRow(_ view: ProfileTopRowView, _ row: ProfileTop.Row) -> ProfileTopRowView {
        var view = view
        if row.flat > 0 { view.flat = "+" + view.flat }
        if row.cum > 0 { view.cum = "+" + view.cum }
        return view
    }

    static func heapGoalMarkdown(_ c: HeapGoalComparison) -> String {
        let live = "This profile's live heap (`inuse_space`) is **\(ByteFormat.string(Double(c.profileInuse)))**: what was reachable at the last GC. "
        let limit = c.settings.limitBytes.map { ByteFormat.string($0) }
        var text: String
        switch (c.settings.effectiveGOGC, c.heapGoal) {
        case let (gogc?, goal?):
            let capped = limit != nil && goal < Double(c.profileInuse) * (1 + gogc / 100)
            text = live + "Between collections the heap grows to the goal of live × (1 + GOGC/100)"
                + (capped ? ", capped by the soft memory limit GOMEMLIMIT=\(limit!)," : "")
                + " = **\(ByteFormat.string(goal))** at GOGC=\(GCSettings.number(gogc))"
                + (c.settings.gogc == .unknown ? " (assumed: the recording has no `go_gc_gogc_percent`)" : "")
                + ", which is why a heap profile shows about \(Self.share(of: gogc)) of what the process uses."
        case let (nil, goal?):
            text = live + "With GOGC=off the collector runs only as the heap nears the soft memory limit, GOMEMLIMIT=**\(ByteFormat.string(goal))**: "
                + "between collections the heap fills up to that limit whatever is live, so a heap held near the limit is the setting at work, not a leak. "
                + "Judge retention on this profile and on the live heap after each GC, not on the heap total."
        default:
            text = live + "With GOGC=off and no soft memory limit (GOMEMLIMIT) the collector never runs on its own: "
                + "the heap grows with every allocation until the process is killed. Set GOMEMLIMIT, or GOGC back on."
        }
        if let heapTotal = c.heapTotal, let time = c.sampleTime {
            text += " The metrics show a heap total of **\(ByteFormat.string(heapTotal))** at \(UTCTime(unixSeconds: time).clock(seconds: true)) UTC"
            if c.profileInuse > 0 {
                text += String(format: " (%.1f× the profile)", heapTotal / Double(c.profileInuse))
            }
            text += "."
        }
        return text
    }
}

extension String {
    fileprivate var trimmed: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        return String(s)
    }
}
