import MemoryModel

/// current − base for one sample type (pprof's `-diff_base`): the signed top by
/// function, the stacks that grew and shrank most, and the diff call tree that the
/// diff flame graphs draw.
public struct ProfileDiffAnalysis: Sendable {
    public struct Limits: Sendable, Equatable {
        /// Functions whose |flat| and |cum| stay below this share of the base are left out.
        public var nodeFraction = 0.005
        public var stackGrowthRows = 8
        public var stackShrinkRows = 5
        public var pruneFraction = CallTree.flameGraphPruneFraction
        public init() {}
    }

    public let base: RecordedProfile
    public let baseIndex: Int
    /// Every function above `Limits.nodeFraction`, signed (current − base); its
    /// `total` is the base's total.
    public let top: ProfileTop
    /// The current profile's total of the sample type.
    public let currentTotal: Int64
    public let stackGrowth: [StackDiff.Row]
    public let stackShrink: [StackDiff.Row]
    /// Pruned for both diff flame graphs (see `CallTreeDiff.forFlameGraphs`).
    public let callTree: CallTreeDiff

    /// `baseIndex` must be a sample type of `base` (callers find it by name).
    public init(current: RecordedProfile, base: RecordedProfile, sampleIndex: Int, baseIndex: Int, limits: Limits = Limits()) {
        self.base = base
        self.baseIndex = baseIndex
        top = ProfileTop.compute(inputs: [.init(profile: current.profile, sampleIndex: sampleIndex),
                                          .init(profile: base.profile, sampleIndex: baseIndex, sign: -1)],
                                 granularity: .functions, nodeCount: 0, nodeFraction: limits.nodeFraction)
        // The stack rows are taken before the call tree is built, so that the stack
        // diff's tables (every distinct stack of both profiles) are freed first rather
        // than held through the call tree's peak.
        (stackGrowth, stackShrink) = {
            let stacks = StackDiff(current: current.profile, base: base.profile, sampleIndex: sampleIndex, baseSampleIndex: baseIndex)
            return (stacks.growth(limit: limits.stackGrowthRows), stacks.shrink(limit: limits.stackShrinkRows))
        }()
        callTree = CallTreeDiff.forFlameGraphs(current: current.profile, base: base.profile, sampleType: sampleIndex,
                                               baseSampleType: baseIndex, fraction: limits.pruneFraction)
        currentTotal = current.profile.total(ofType: sampleIndex)
    }
}
