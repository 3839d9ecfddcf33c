import MemoryModel

/// The findings of every reported instance of a recording, in the breakdowns' order.
///
/// The recording's profiles belong to the first instance (a recording holds the
/// profiles of one process); the other instances are judged on their series alone.
public enum RecordingFindings {
    public static func compute(recording: Recording, breakdowns: [MemoryBreakdown],
                               engine: FindingsEngine = FindingsEngine()) -> [[Finding]] {
        breakdowns.enumerated().map { index, breakdown in
            guard let instance = recording.instances.first(where: { $0.id == breakdown.instance }) else { return [] }
            return engine.findings(breakdown: breakdown, instance: instance, profiles: index == 0 ? recording.profiles : ProfileSet())
        }
    }
}
