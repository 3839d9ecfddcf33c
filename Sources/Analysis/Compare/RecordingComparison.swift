import MemoryModel

/// Base against candidate: two analysed recordings (two releases, canary and stable,
/// this hour and the same hour last week), compared instance by instance at steady
/// state, with their findings matched and their latest profiles diffed.
///
/// Instances pair by `job/instance`; when none is shared and each side has exactly one
/// (a canary and a stable pod), those two pair; when none is shared and each side's
/// instances belong to one job (a canary pod against the stable pods), or when asked
/// (`pool`), each side's instances are pooled into one. Windows of different lengths
/// compare fairly because every figure is a level (a median) or a rate, never a sum.
public struct RecordingComparison: Sendable {
    public enum Pairing: String, Sendable {
        /// Instances with the same job and instance labels.
        case sameInstance = "same-instance"
        /// Each side's only instance, whatever its labels.
        case onlyInstances = "only-instances"
        /// Each side's instances as one: every instance's steady-state samples together.
        case pooled
    }

    public let base: ReportAnalysis
    public let candidate: ReportAnalysis
    public let pairing: Pairing
    public let instances: [InstanceComparison]
    /// `findings[i]` are `instances[i]`'s.
    public let findings: [FindingsChange]
    /// Instances of either side with no partner.
    public let unpairedBase: [InstanceID]
    public let unpairedCandidate: [InstanceID]
    /// The candidate's latest heap profile against the base's latest (absolute values).
    public let heapDiff: ProfileAnalysis?
    /// The same diff with the candidate scaled to the base's total (pprof's `-normalize`):
    /// where the heap's shape changed, whatever its volume did.
    public let normalizedHeapDiff: NormalizedHeapDiff?
    /// The same heap diff with every function (the summary's exact figures).
    public let heapTotals: ProfileFunctionTotals?
    /// The candidate's latest goroutine profile's groups against the base's latest.
    public let goroutineDiff: GoroutineAnalysis?

    /// `pool` pools each side's instances even when some are shared (a fleet as a whole).
    /// Throws an `InputError` naming the candidate when no instance pairs and the sides
    /// cannot be pooled (a side with instances of several jobs: different services).
    public init(base: ReportAnalysis, candidate: ReportAnalysis, pool: Bool = false,
                profileLimits: ProfileAnalysis.Limits = ProfileAnalysis.Limits()) throws {
        self.base = base
        self.candidate = candidate
        let baseIDs = base.breakdowns.map(\.instance), candidateIDs = candidate.breakdowns.map(\.instance)
        var pairs: [(Int, Int)] = []
        for (i, id) in baseIDs.enumerated() {
            if let j = candidateIDs.firstIndex(of: id) { pairs.append((i, j)) }
        }
        let oneJobEach = Set(baseIDs.map(\.job)).count == 1 && Set(candidateIDs.map(\.job)).count == 1
        if !baseIDs.isEmpty, !candidateIDs.isEmpty, pool || (pairs.isEmpty && oneJobEach && baseIDs.count + candidateIDs.count > 2) {
            pairing = .pooled
            pairs = []
        } else if pairs.isEmpty, baseIDs.count == 1, candidateIDs.count == 1 {
            pairing = .onlyInstances
            pairs = [(0, 0)]
        } else {
            pairing = .sameInstance
            guard !pairs.isEmpty else {
                throw InputError(file: candidate.recording.location, reason: "no instance in common with \(base.recording.location): "
                    + "the base has \(baseIDs.map(\.description).joined(separator: ", ")), the candidate \(candidateIDs.map(\.description).joined(separator: ", "))"
                    + (oneJobEach ? "" : " (instances of several jobs are not pooled; pass --pool to pool them anyway)"))
            }
        }
        func side(_ analysis: ReportAnalysis, _ index: Int) -> (MemoryBreakdown, InstanceSeries) {
            let breakdown = analysis.breakdowns[index]
            let instance = analysis.recording.instances.first { $0.id == breakdown.instance } ?? InstanceSeries(id: breakdown.instance, series: [])
            return (breakdown, instance)
        }
        if pairing == .pooled {
            instances = [InstanceComparison(base: baseIDs.indices.map { side(base, $0) }, candidate: candidateIDs.indices.map { side(candidate, $0) })]
            findings = [FindingsChange(base: Self.oneOfEachKind(base.findings.flatMap { $0 }),
                                       candidate: Self.oneOfEachKind(candidate.findings.flatMap { $0 }))]
            unpairedBase = []
            unpairedCandidate = []
        } else {
            instances = pairs.map { InstanceComparison(base: [side(base, $0.0)], candidate: [side(candidate, $0.1)]) }
            findings = pairs.map { FindingsChange(base: base.findings[$0.0], candidate: candidate.findings[$0.1]) }
            unpairedBase = baseIDs.enumerated().filter { i, _ in !pairs.contains { $0.0 == i } }.map(\.element)
            unpairedCandidate = candidateIDs.enumerated().filter { j, _ in !pairs.contains { $0.1 == j } }.map(\.element)
        }

        let baseProfiles = base.recording.profiles, candidateProfiles = candidate.recording.profiles
        // Across two recordings the profiles are of two processes: what differs by a
        // sample or two is sampling, not the release.
        var profileLimits = profileLimits
        if let current = candidateProfiles.heap {
            profileLimits.diff.noiseFloor = max(profileLimits.diff.noiseFloor, ProfileDiffAnalysis.samplingNoiseFloor(of: current.profile))
        }
        heapDiff = candidateProfiles.heap.flatMap { current in
            baseProfiles.heap.flatMap { latestBase in
                ProfileAnalysis(current: current, base: latestBase, sampleIndex: current.profile.defaultSampleTypeIndex,
                                breakdown: candidate.breakdowns.first,
                                gcSettings: candidate.recording.instances.first.map(GCSettings.init(instance:)) ?? GCSettings(gogc: .unknown, memoryLimit: .unknown),
                                limits: profileLimits)
            }
        }
        normalizedHeapDiff = heapDiff.flatMap { diff in
            diff.diff.map { absolute in
                NormalizedHeapDiff(current: diff.current.profile, base: absolute.base.profile, sampleIndex: diff.sampleIndex,
                                   baseIndex: absolute.baseIndex, limits: profileLimits.diff)
            }
        }
        heapTotals = candidateProfiles.heap.flatMap { current in baseProfiles.heap.flatMap { ProfileFunctionTotals(current, base: $0) } }
        goroutineDiff = candidateProfiles.goroutine.flatMap { current in
            baseProfiles.goroutine.map { GoroutineAnalysis(current: current, base: $0) }
        }
    }

    /// The first finding of each kind, in order: a pooled side's instances often share one.
    static func oneOfEachKind(_ findings: [Finding]) -> [Finding] {
        var seen = Set<Finding.Kind>()
        return findings.filter { seen.insert($0.kind).inserted }
    }

    /// Evaluates `rules` on every instance pair, in rule order then pair order.
    public func evaluate(_ rules: [BudgetRule]) -> [BudgetRule.Result] {
        rules.flatMap { rule in
            instances.compactMap { pair in
                pair.metric(rule.metric).map { rule.evaluate($0, instance: pair.candidate.description) }
            }
        }
    }
}
