import Foundation
import Analysis
import Markdown
import MemoryModel

extension ProfileSectionView {
    /// Shapes one analysed profile: its top tables, flame graph, heap-goal note and diff.
    public static func build(_ analysis: ProfileAnalysis) -> ProfileSectionView {
        let current = analysis.current, unit = analysis.sampleType.unit, type = analysis.sampleType.type
        let top = analysis.functions
        let flame = FlameGraph(tree: analysis.callTree, title: "Flame graph of \(type) in \(current.file)").svg()
        return ProfileSectionView(
            heading: current.kind == .heap ? "Heap profile" : "Profile: \(type)",
            file: current.file, time: ProfileViews.time(current.time), sampleType: type,
            total: ProfileValueFormat.string(top.total, unit: unit),
            topRows: ProfileViews.rows(top, unit: unit), lineRows: ProfileViews.rows(analysis.lines, unit: unit),
            flameGraphSVG: flame,
            heapGoalHTML: analysis.heapGoal.map { MarkdownHTML.render(ProfileViews.heapGoalMarkdown($0)) },
            diff: analysis.diff.map { ProfileViews.diff($0, current: current, unit: unit) })
    }
}
