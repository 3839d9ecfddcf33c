/// What a recording has done so far, for a status line.
public struct RecorderStatus: Sendable, Equatable {
    public enum Phase: String, Sendable {
        case sampling
        case profiling = "taking profiles"
        case finalProfiles = "taking the final profiles"
        case done
    }

    /// Unix seconds of the first slot.
    public var started: Double
    /// Unix seconds of the last slot; nil when recording until stopped.
    public var ends: Double?
    public var samples: Int
    public var profileRounds: Int
    public var figures: LiveFigures
    public var errors: Int
    /// The latest failure, `/metrics: timeout`.
    public var lastError: String?
    public var phase: Phase
}
