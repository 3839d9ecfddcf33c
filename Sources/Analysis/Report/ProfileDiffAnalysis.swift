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
        /// Functions and stacks whose |change| is at most this are left out as sampling
        /// noise (0: none are). `samplingNoiseFloor(of:)` gives a heap profile's.
        public var noiseFloor: Int64 = 0
        public init() {}
    }

    /// Two samples at a heap profile's sampling rate (`period`, MemProfileRate, 512 KiB
    /// by default): a sampled allocation stands for about `period` bytes, so a function
    /// one or two samples apart in two profiles may not have changed at all. 0 for a
    /// profile that is not sampled by bytes.
    public static func samplingNoiseFloor(of profile: Profile) -> Int64 {
        guard profile.periodType?.type == "space", profile.period > 0 else { return 0 }
        return profile.period.multipliedReportingOverflow(by: 2).overflow ? .max : profile.period * 2
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
    /// `Limits.noiseFloor`, and how many functions of `top` it left out.
    public let noiseFloor: Int64
    public let functionsLeftOutAsNoise: Int

    /// `baseIndex` must be a sample type of `base` (callers find it by name).
    public init(current: RecordedProfile, base: RecordedProfile, sampleIndex: Int, baseIndex: Int, limits: Limits = Limits()) {
        self.base = base
        self.baseIndex = baseIndex
        let signed = Self.signedTop(current: current.profile, base: base.profile, sampleIndex: sampleIndex, baseIndex: baseIndex, limits: limits)
        top = signed.top
        functionsLeftOutAsNoise = signed.leftOut
        let floor = max(limits.noiseFloor, 0)
        func aboveNoise(_ change: Int64) -> Bool { change.magnitude > UInt64(floor) }
        noiseFloor = floor
        // The stack rows are taken before the call tree is built, so that the stack
        // diff's tables (every distinct stack of both profiles) are freed first rather
        // than held through the call tree's peak.
        let stacks = StackDiff(current: current.profile, base: base.profile, sampleIndex: sampleIndex, baseSampleIndex: baseIndex)
        let growth = stacks.growth(limit: limits.stackGrowthRows), shrink = stacks.shrink(limit: limits.stackShrinkRows)
        stackGrowth = growth.filter { aboveNoise($0.delta) }
        stackShrink = shrink.filter { aboveNoise($0.delta) }
        callTree = CallTreeDiff.forFlameGraphs(current: current.profile, base: base.profile, sampleType: sampleIndex,
                                               baseSampleType: baseIndex, fraction: limits.pruneFraction)
        currentTotal = current.profile.total(ofType: sampleIndex)
    }

    /// current − base by function alone (no stacks, no call tree): every function above
    /// `limits.nodeFraction` of the base and beyond `limits.noiseFloor`, and how many the
    /// floor left out.
    public static func signedTop(current: Profile, base: Profile, sampleIndex: Int, baseIndex: Int, limits: Limits) -> (top: ProfileTop, leftOut: Int) {
        var top = ProfileTop.compute(inputs: [.init(profile: current, sampleIndex: sampleIndex),
                                              .init(profile: base, sampleIndex: baseIndex, sign: -1)],
                                     granularity: .functions, nodeCount: 0, nodeFraction: limits.nodeFraction)
        let floor = UInt64(max(limits.noiseFloor, 0)), functions = top.rows.count
        top.rows.removeAll { $0.flat.magnitude <= floor && $0.cum.magnitude <= floor }
        return (top, functions - top.rows.count)
    }
}
