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
