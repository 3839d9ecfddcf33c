import MemoryModel

/// The latest goroutine profile grouped by what its goroutines wait on, and how the
/// groups changed since the base profile when there is one.
public struct GoroutineAnalysis: Sendable {
    public let current: RecordedProfile
    public let groups: GoroutineGroups
    public let base: RecordedProfile?
    /// Nil without a base.
    public let diff: GoroutineDiff?

    public init(current: RecordedProfile, base: RecordedProfile?) {
        self.current = current
        self.base = base
        let groups = GoroutineGroups(profile: current.profile)
        self.groups = groups
        diff = base.map { GoroutineDiff(base: GoroutineGroups(profile: $0.profile), current: groups) }
    }
}
