/// One profile's part of a page (the heap profile in a report, any profile in
/// `gomemreport profile`): where the values were allocated, how they
/// changed since the base profile, and how the profile relates to the metrics.
public struct ProfileSectionView: Sendable {
    /// `Heap profile`, or the sample type's name for other profiles.
    public var heading: String
    public var file: String
    public var time: String
    public var sampleType: String
    public var total: String
    /// pprof-style rows, by function.
    public var topRows: [ProfileTopRowView]
    /// The same by source line.
    public var lineRows: [ProfileTopRowView]
    public var flameGraphSVG: String?
    /// Profile against metrics, Markdown rendered.
    public var heapGoalHTML: String?
    public var diff: ProfileDiffView?
}

/// One row of a top table, formatted.
public struct ProfileTopRowView: Sendable {
    public var name: String
    public var flat: String
    public var flatPercent: String
    public var sumPercent: String
    public var cum: String
    public var cumPercent: String
    public var inlineLabel: String
    /// Exact values, for titles.
    public var exact: String
}

/// Current against base: functions and whole stacks that grew and shrank.
public struct ProfileDiffView: Sendable {
    public var baseFile: String
    public var baseTime: String
    /// `+45.3 MiB (+1,203% of the base)` style totals.
    public var summary: String
    public var growthRows: [ProfileTopRowView]
    public var shrinkRows: [ProfileTopRowView]
    public var stackGrowth: [StackDiffRowView]
    public var stackShrink: [StackDiffRowView]
    public var hasShrink: Bool
    public var flameGraphSVG: String?
    public var baseOnlyFlameGraphSVG: String?
}

/// A whole stack that changed.
public struct StackDiffRowView: Sendable {
    public var delta: String
    public var base: String
    public var current: String
    /// Leaf first, as `a ← b ← c`.
    public var stack: String
}

/// The goroutine part of a report: groups now, and how they changed.
public struct GoroutineSectionView: Sendable {
    public var file: String
    public var time: String
    public var total: String
    public var groups: [GoroutineGroupView]
    public var hasMoreGroups: Bool
    public var moreGroups: String
    public var diff: GoroutineDiffView?
    /// The scheduler's split of all goroutines (Go 1.26+), nil without it.
    public var schedulerStates: String?
}

public struct GoroutineGroupView: Sendable {
    public var count: String
    public var share: String
    public var blocking: String
    public var owner: String
    public var position: String
    public var waiting: String
    public var createdBy: String
    /// The stack, leaf first, one frame per entry.
    public var frames: [String]
}

public struct GoroutineDiffView: Sendable {
    public var baseFile: String
    public var baseTime: String
    public var totals: String
    public var rows: [GoroutineDiffRowView]
    public var headline: String?
}

public struct GoroutineDiffRowView: Sendable {
    public var delta: String
    public var before: String
    public var after: String
    public var sentence: String
}
