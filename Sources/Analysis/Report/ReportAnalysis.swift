import MemoryModel

/// Everything a report says about a recording, computed once: each Go instance's
/// breakdown and findings, and the views of the recording's profiles. The page, the
/// JSON summary, the Markdown digest and the email all read this value; none computes
/// its own.
///
/// The recording's profiles belong to the first instance (a recording holds the
/// profiles of one process). Instances without a complete set of Go memory series
/// (another job scraped alongside) are left out and listed in `skipped`; when no
/// instance has one, the breakdown's own error for the first says what is missing.
public struct ReportAnalysis: Sendable {
    public let recording: Recording
    /// One per reported instance, in the order of `instances`.
    public let breakdowns: [MemoryBreakdown]
    /// `findings[i]` are `breakdowns[i]`'s (see `RecordingFindings`).
    public let findings: [[Finding]]
    public let skipped: [InstanceID]
    /// The latest heap profile's default sample type, with its base (the earliest).
    public let heapProfile: ProfileAnalysis?
    /// The latest goroutine profile's groups, and their change since the earliest.
    public let goroutines: GoroutineAnalysis?
    /// The first instance's scheduler states over its window (Go 1.26+).
    public let schedulerStates: GoroutineSchedulerStates?
    /// Exact tops of the latest heap and goroutine profiles, in that order.
    public let profileTotals: [ProfileFunctionTotals]

    /// Analyses `instances` (a selection of `recording.instances`, at least one).
    /// `profileViews` false leaves `heapProfile`, `goroutines` and `profileTotals` empty,
    /// for callers that shape the profiles their own way (`RecordingComparison` diffs two
    /// recordings' profiles): on large profiles these views are most of the time.
    /// Throws the first kept instance's `InputError` when its breakdown cannot be made.
    public init(recording: Recording, instances: [InstanceSeries], engine: FindingsEngine = FindingsEngine(),
                profileLimits: ProfileAnalysis.Limits = ProfileAnalysis.Limits(), profileViews: Bool = true) throws {
        self.recording = recording
        let go = instances.filter { MemoryBreakdown.availableScheme(in: $0) != nil }
        let kept = go.isEmpty ? instances : go
        skipped = go.isEmpty ? [] : instances.filter { MemoryBreakdown.availableScheme(in: $0) == nil }.map(\.id)
        breakdowns = try kept.map { try MemoryBreakdown.compute(from: $0, file: $0.series.first?.origin.file ?? recording.location) }
        findings = RecordingFindings.compute(recording: recording, breakdowns: breakdowns, engine: engine)

        let profiles = profileViews ? recording.profiles : ProfileSet()
        let first = breakdowns.first
        heapProfile = profiles.heap.flatMap { current in
            ProfileAnalysis(current: current, base: profiles.heapBase, sampleIndex: current.profile.defaultSampleTypeIndex,
                            breakdown: first,
                            gcSettings: recording.instances.first.map(GCSettings.init(instance:)) ?? GCSettings(gogc: .unknown, memoryLimit: .unknown),
                            limits: profileLimits)
        }
        goroutines = profiles.goroutine.map { GoroutineAnalysis(current: $0, base: profiles.goroutineBase) }
        if let instance = recording.instances.first, let first {
            schedulerStates = GoroutineSchedulerStates(instance: instance, from: first.timestamps[0], to: first.timestamps[first.lastIndex])
        } else {
            schedulerStates = nil
        }
        profileTotals = [profiles.heap.flatMap { ProfileFunctionTotals($0, base: profiles.heapBase) },
                         profiles.goroutine.flatMap { ProfileFunctionTotals($0) }].compactMap { $0 }
    }
}
