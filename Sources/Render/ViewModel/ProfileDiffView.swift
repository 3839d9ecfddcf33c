/// Current against base: functions and whole stacks that grew and shrank.
public struct ProfileDiffView: Sendable {
    public var baseFile: String
    public var baseTime: String
    /// `+45.3 MiB (+1,203% of the base)` style totals.
    public var summary: String
    /// What was left out as sampling noise, when a noise floor applied.
    public var noiseNote: String?
    public var growthRows: [ProfileTopRowView]
    public var shrinkRows: [ProfileTopRowView]
    public var stackGrowth: [StackDiffRowView]
    public var stackShrink: [StackDiffRowView]
    public var hasShrink: Bool
    public var flameGraphSVG: String?
    public var baseOnlyFlameGraphSVG: String?
}
