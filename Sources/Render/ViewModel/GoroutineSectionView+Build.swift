import Foundation
import Analysis
import Markdown
import MemoryModel

extension GoroutineSectionView {
    static func build(_ analysis: GoroutineAnalysis, states: GoroutineSchedulerStates?) -> GoroutineSectionView {
        var view = build(analysis)
        view.schedulerStates = states.map(schedulerLine)
        return view
    }

    /// "The scheduler (`/sched/goroutines`, Go 1.26+) at the end of the window: 9,314
    /// waiting · 4 runnable · 1 running · 0 not in Go (at the start: …)."
    static func schedulerLine(_ states: GoroutineSchedulerStates) -> String {
        func split(_ counts: [GoroutineSchedulerStates.State: Double]) -> String {
            GoroutineSchedulerStates.State.allCases.compactMap { state in
                counts[state].map { "\(ProfileValueFormat.grouped(Int64($0))) \(state.rawValue)" }
            }.joined(separator: " · ")
        }
        return "Scheduler states (runtime/metrics /sched/goroutines) at the end of the window: \(split(states.last)); at the start: \(split(states.first))"
            + (states.created.map { "; \(ProfileValueFormat.grouped(Int64($0))) goroutines created in the window" } ?? "")
            + (states.waitingOnlyGrew ? ". Waiting goroutines only grew, as in a leak." : ".")
    }

    /// Shapes the groups of the analysed profile, and their change since its base.
    public static func build(_ analysis: GoroutineAnalysis) -> GoroutineSectionView {
        let current = analysis.current, groups = analysis.groups
        let shown = groups.groups.prefix(12)
        var view = GoroutineSectionView(
            file: current.file, time: ProfileViews.time(current.time), total: ProfileValueFormat.grouped(groups.total),
            groups: shown.map { group in
                GoroutineGroupView(
                    count: ProfileValueFormat.grouped(group.count),
                    share: ByteFormat.percent(Double(group.count) / Double(max(groups.total, 1))),
                    blocking: group.blockingOperation,
                    owner: group.owner?.function ?? "–",
                    position: group.owner?.shortPosition ?? "",
                    waiting: group.minutesWaiting.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound) min" : "\($0.lowerBound)–\($0.upperBound) min" } ?? "",
                    createdBy: group.createdBy ?? "",
                    frames: group.frames.map { "\($0.function) \($0.shortPosition)" })
            },
            hasMoreGroups: groups.groups.count > shown.count,
            moreGroups: "\(groups.groups.count - shown.count) more groups with \(ProfileValueFormat.grouped(groups.groups.dropFirst(shown.count).reduce(0) { $0 + $1.count })) goroutines",
            diff: nil, schedulerStates: nil)
        if let base = analysis.base, let diff = analysis.diff {
            view.diff = GoroutineDiffView(
                baseFile: base.file, baseTime: ProfileViews.time(base.time),
                totals: "\(ProfileValueFormat.grouped(diff.totalBefore)) → \(ProfileValueFormat.grouped(diff.totalAfter)) goroutines",
                rows: diff.rows.prefix(10).map {
                    GoroutineDiffRowView(delta: ($0.delta > 0 ? "+" : "") + ProfileValueFormat.grouped($0.delta),
                                         before: ProfileValueFormat.grouped($0.before), after: ProfileValueFormat.grouped($0.after),
                                         sentence: $0.sentence)
                },
                headline: diff.rows.first.map(\.sentence))
        }
        return view
    }
}
