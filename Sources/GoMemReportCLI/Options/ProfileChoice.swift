import Analysis
import Ingest
import MemoryModel

/// Applies `--profile` and `--base`: each file replaces the recording's profile of its
/// kind (heap, goroutine or goroutineleak, read from its sample types).
enum ProfileChoice {
    static func apply(profiles: [String], bases: [String], limits: InputLimits, to set: inout ProfileSet) throws {
        for (paths, isBase) in [(profiles, false), (bases, true)] {
            for path in paths {
                let recorded = try RecordingProfiles.profile(at: path, label: path, maximumBytes: limits.maximumProfileBytes,
                                                             maximumLineBytes: limits.maximumLineBytes)
                switch (recorded.kind, isBase) {
                case (.heap, false): set.heap = recorded
                case (.heap, true): set.heapBase = recorded
                case (.goroutine, false): set.goroutine = recorded
                case (.goroutine, true): set.goroutineBase = recorded
                case (.goroutineLeak, false): set.goroutineLeak = recorded
                case (.goroutineLeak, true): set.goroutineLeakBase = recorded
                case (.other, _):
                    throw InputError(file: path, reason: "is not a heap, goroutine or goroutineleak profile; use gomemreport profile for other kinds")
                }
            }
        }
    }
}

extension ProfileSet {
    /// pprof's `-normalize` for the heap diff: the latest heap profile scaled to the
    /// base's totals.
    mutating func normalizeHeap() {
        guard var current = heap, let base = heapBase else { return }
        current.profile = current.profile.normalized(toMatch: base.profile)
        heap = current
    }
}
