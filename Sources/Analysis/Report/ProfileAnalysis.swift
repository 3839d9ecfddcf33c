import Dispatch
import Foundation
import MemoryModel

/// One profile's views for one sample type, computed once: pprof's `-top` by function
/// and by line, the call tree a flame graph draws, the heap-goal comparison for
/// `inuse_space`, and the diff against a base profile when one is given.
///
/// The three views of the current profile read the same samples independently and
/// are computed on one core each. Fails (nil) only when `sampleIndex` is not one of
/// the profile's sample types.
public struct ProfileAnalysis: Sendable {
    /// How much of each view to keep: the page's table sizes, and the share of the
    /// whole below which a call-tree node is too narrow for a flame graph to draw.
    public struct Limits: Sendable, Equatable {
        public var functionRows = 15
        public var lineRows = 10
        public var pruneFraction = CallTree.flameGraphPruneFraction
        public var diff = ProfileDiffAnalysis.Limits()
        public init() {}
    }

    public let current: RecordedProfile
    public let sampleIndex: Int
    public let sampleType: ValueType
    /// pprof `-top`, functions, at most `Limits.functionRows` rows.
    public let functions: ProfileTop
    /// pprof `-top -lines`, at most `Limits.lineRows` rows.
    public let lines: ProfileTop
    /// Pruned at `Limits.pruneFraction`.
    public let callTree: CallTree
    /// For `inuse_space` when the comparison can be made (see `HeapGoalComparison`).
    public let heapGoal: HeapGoalComparison?
    /// current − base, when a base with the same sample type is given.
    public let diff: ProfileDiffAnalysis?

    public init?(current: RecordedProfile, base: RecordedProfile?, sampleIndex index: Int,
                 breakdown: MemoryBreakdown? = nil,
                 gcSettings: GCSettings = GCSettings(gogc: .unknown, memoryLimit: .unknown),
                 limits: Limits = Limits()) {
        let profile = current.profile
        guard index >= 0, index < profile.sampleTypes.count else { return nil }
        var functions: ProfileTop?, lines: ProfileTop?, tree: CallTree?
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: 3) { part in
            switch part {
            case 0:
                let result = ProfileTop.compute(profile: profile, sampleIndex: index, nodeCount: limits.functionRows)
                lock.lock(); functions = result; lock.unlock()
            case 1:
                let result = ProfileTop.compute(profile: profile, sampleIndex: index, granularity: .lines, nodeCount: limits.lineRows)
                lock.lock(); lines = result; lock.unlock()
            default:
                let result = CallTree(profile: profile, sampleType: index, pruneFraction: limits.pruneFraction)
                lock.lock(); tree = result; lock.unlock()
            }
        }
        guard let functions, let lines, let tree else { return nil }
        self.current = current
        self.sampleIndex = index
        self.sampleType = profile.sampleTypes[index]
        self.functions = functions
        self.lines = lines
        self.callTree = tree
        self.heapGoal = sampleType.type == "inuse_space"
            ? HeapGoalComparison(profile: current, breakdown: breakdown, settings: gcSettings) : nil
        if let base, let baseIndex = base.profile.sampleTypeIndex(sampleType.type) {
            diff = ProfileDiffAnalysis(current: current, base: base, sampleIndex: index, baseIndex: baseIndex, limits: limits.diff)
        } else {
            diff = nil
        }
    }
}
