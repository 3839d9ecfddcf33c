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
