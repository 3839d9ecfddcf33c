import MemoryModel

/// Every function of a profile's default sample type with nothing dropped (pprof
/// `-top -nodefraction=0`), and for a heap profile with a base, every function's
/// change: the exact figures a machine-readable summary lists, where the page's
/// tables keep pprof's default node fraction and inline labels.
public struct ProfileFunctionTotals: Sendable {
    public let recorded: RecordedProfile
    public let sampleIndex: Int
    public let sampleType: ValueType
    public let top: ProfileTop
    public let diff: Diff?

    public struct Diff: Sendable {
        public let base: RecordedProfile
        /// current − base, every function, without inline labels; `total` is the base's.
        public let top: ProfileTop
        public let currentTotal: Int64
    }

    /// Nil when the profile has no sample of its default type. The diff is made when
    /// `base` has the same sample type.
    public init?(_ recorded: RecordedProfile, base: RecordedProfile? = nil) {
        let profile = recorded.profile
        let index = profile.defaultSampleTypeIndex
        guard index >= 0, index < profile.sampleTypes.count else { return nil }
        self.recorded = recorded
        sampleIndex = index
        sampleType = profile.sampleTypes[index]
        top = ProfileTop.compute(profile: profile, sampleIndex: index, nodeFraction: 0)
        if let base, let baseIndex = base.profile.sampleTypeIndex(sampleType.type) {
            diff = Diff(base: base,
                        top: ProfileTop.compute(inputs: [.init(profile: profile, sampleIndex: index),
                                                         .init(profile: base.profile, sampleIndex: baseIndex, sign: -1)],
                                                granularity: .functions, nodeCount: 0, nodeFraction: 0, inlineLabels: false),
                        currentTotal: profile.total(ofType: index))
        } else {
            diff = nil
        }
    }
}
