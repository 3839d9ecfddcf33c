import MemoryModel

/// A heap profile's live heap set against the heap the metrics saw: the profile shows
/// the heap live at the last GC, and the runtime lets the heap grow to
/// live × (1 + GOGC/100) before the next, so the metrics' heap total runs up to about
/// twice the profile at GOGC=100. With GOGC=off there is no proportional goal: the
/// heap grows to the soft memory limit (GOMEMLIMIT), or without bound when none is set.
public struct HeapGoalComparison: Sendable, Equatable {
    /// inuse_space of the profile.
    public var profileInuse: Int64
    /// GOGC and GOMEMLIMIT as recorded (unknown when the recording has neither).
    public var settings: GCSettings
    /// profileInuse × (1 + GOGC/100), capped at the memory limit when one is set; the
    /// memory limit alone under GOGC=off; nil under GOGC=off without a limit.
    public var heapGoal: Double?
    /// Heap total and heap objects from the metrics at the sample nearest the profile.
    public var heapTotal: Double?
    public var heapObjects: Double?
    public var sampleTime: Double?

    /// Nil when the profile has no `inuse_space`.
    public init?(profile: RecordedProfile, breakdown: MemoryBreakdown?, settings: GCSettings) {
        guard let index = profile.profile.sampleTypes.firstIndex(where: { $0.type == "inuse_space" }) else { return nil }
        profileInuse = profile.profile.total(ofType: index)
        self.settings = settings
        if let gogc = settings.effectiveGOGC {
            let proportional = Double(profileInuse) * (1 + gogc / 100)
            heapGoal = settings.limitBytes.map { min($0, proportional) } ?? proportional
        } else {
            heapGoal = settings.limitBytes
        }
        if let breakdown, breakdown.count > 0 {
            let time = profile.time ?? breakdown.timestamps[breakdown.lastIndex]
            var nearest = 0
            for i in breakdown.timestamps.indices where abs(breakdown.timestamps[i] - time) < abs(breakdown.timestamps[nearest] - time) {
                nearest = i
            }
            heapTotal = breakdown.heapTotal[nearest]
            heapObjects = breakdown.value(.heapObjects, at: nearest)
            sampleTime = breakdown.timestamps[nearest]
        }
    }
}
