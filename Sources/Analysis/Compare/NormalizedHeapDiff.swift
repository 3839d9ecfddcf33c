import MemoryModel

/// The candidate's heap profile scaled to the base's total (pprof's `-normalize`) against
/// the base's, by function: where the heap's shape changed, whatever its volume did. Only
/// the signed top: the absolute diff already draws the stacks and flame graphs.
public struct NormalizedHeapDiff: Sendable {
    /// Signed by function (normalised candidate − base); `total` is the base's.
    public let top: ProfileTop
    /// The sampling floor scaled like the profile (a sample shrinks with it), and how
    /// many functions it left out.
    public let noiseFloor: Int64
    public let functionsLeftOutAsNoise: Int

    /// `limits.noiseFloor` is in the candidate's own units; it is scaled here.
    init(current: Profile, base: Profile, sampleIndex: Int, baseIndex: Int, limits: ProfileDiffAnalysis.Limits) {
        let currentTotal = Double(current.total(ofType: sampleIndex))
        let ratio = currentTotal > 0 ? Double(base.total(ofType: baseIndex)) / currentTotal : 1
        var scaled = limits
        let floor = Double(limits.noiseFloor) * ratio
        scaled.noiseFloor = floor.isFinite && floor >= 0 && floor < 9e18 ? Int64(floor.rounded()) : limits.noiseFloor
        let signed = ProfileDiffAnalysis.signedTop(current: current.normalized(toMatch: base), base: base, sampleIndex: sampleIndex,
                                                   baseIndex: baseIndex, limits: scaled)
        top = signed.top
        noiseFloor = scaled.noiseFloor
        functionsLeftOutAsNoise = signed.leftOut
    }
}
