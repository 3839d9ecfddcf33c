import MemoryModel

/// A restart of the process inside a recording's window, and what showed it.
public struct Restart: Sendable, Equatable {
    public enum Evidence: Sendable, Equatable {
        /// `process_start_time_seconds` took a new value (both in Unix seconds).
        case startTimeChanged(from: Double, to: Double)
        /// expvar's `cmdline` changed to this command line.
        case commandLineChanged(to: String)
        /// A counter that only grows within one process fell.
        case counterFell(name: String, from: Double, to: Double)
    }

    /// When the new process started (Unix seconds): its `process_start_time_seconds`
    /// (kept between the samples before and after), else the first sample that shows it.
    public var time: Double
    public var evidence: Evidence

    public init(time: Double, evidence: Evidence) {
        self.time = time
        self.evidence = evidence
    }
}
