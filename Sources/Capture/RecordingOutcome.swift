import MemoryModel

/// How a recording run ended, for the command to report and pick its exit code.
public struct RecordingOutcome: Sendable {
    public var manifest: RecordingManifest
    /// Samples with at least one saved memory body (`/metrics` or `/debug/vars`).
    public var savedSamples: Int
    /// Why nothing usable was recorded, when `savedSamples` is 0.
    public var emptyReason: String?
}
