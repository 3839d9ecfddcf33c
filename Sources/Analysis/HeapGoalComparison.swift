import MemoryModel

/// A heap profile's live heap set against the heap the metrics saw: the profile shows
/// the heap live at the last GC, and the runtime lets the heap grow to
/// live × (1 + GOGC/100) before the next, so the metrics' heap total runs up to about
/// twice the profile at GOGC=100.
public struct HeapGoalComparison: Sendable, Equatable {
    /// inuse_space of the profile.
    public var profileInuse: Int64
    public var gogc: Double
    /// True when the recording had no `go_gc_gogc_percent` and 100 was assumed.
    public var gogcAssumed: Bool
    /// profileInuse × (1 + GOGC/100).
    public var heapGoal: Double
    /// Heap total and heap objects from the metrics at the sample nearest the profile.
    public var heapTotal: Double?
    public var heapObjects: Double?
    public var sampleTime: Double?

    /// - Parameters:
    ///   - gogcSeries: `go_gc_gogc_percent`, if recorded.
    public init?(profile: RecordedProfile, breakdown: MemoryBreakdown?, gogcSeries: MetricSeries?) {
        guard let index = profile.profile.sampleTypes.firstIndex(where: { $0.type == "inuse_space" }) else { return nil }
        var inuse: Int64 = 0
        for sample in 0..<profile.profile.sampleCount { inuse &+= profile.profile.value(ofSample: sample, type: index) }
        profileInuse = inuse
        if let value = gogcSeries?.values.last(where: { $0.isFinite && $0 >= 0 }) {
            gogc = value
            gogcAssumed = false
        } else {
            gogc = 100
            gogcAssumed = true
        }
        heapGoal = Double(inuse) * (1 + gogc / 100)
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
