import MemoryModel

/// What Go 1.26+'s goroutineleak profile proves: goroutines the GC found blocked on
/// something no running goroutine can reach, which can therefore never run again.
///
/// A leak the runtime proves is decisive where a trend is only suggestive. It cannot see
/// goroutines blocked on a channel, mutex or condition that something live still holds
/// (a global, a long-lived struct): those only a rising count shows.
///
/// Pure. Nil when there is no goroutineleak profile. `isGrowing` needs a base profile
/// with fewer leaked goroutines, or, with one profile, any at all.
public struct GoroutineLeakProof: Sendable, Equatable {
    /// The latest profile's file, as the report names it.
    public var file: String
    public var leaked: Int64
    /// The earliest profile's count, when there were two.
    public var leakedAtBase: Int64?
    /// Leaked goroutines by the first frame the service owns, most first; each delta is
    /// latest − earliest (or the latest count with one profile).
    public var sites: [OwnedSiteGrowth.Row]
    /// What the leaked goroutines of the goroutine dump wait on, most common first
    /// (`chan send`), when a `debug=2` dump marked them `(leaked)`.
    public var waitReasons: [(state: String, count: Int)]

    public var isGrowing: Bool { leaked > (leakedAtBase ?? 0) }

    public init?(profiles: ProfileSet) {
        guard let current = profiles.goroutineLeak else { return nil }
        file = current.file
        leaked = Self.total(current.profile)
        leakedAtBase = profiles.goroutineLeakBase.map { Self.total($0.profile) }
        let base = profiles.goroutineLeakBase?.profile ?? current.profile
        sites = OwnedSiteGrowth(current: current.profile, currentIndex: 0, base: base,
                                baseIndex: profiles.goroutineLeakBase == nil ? -1 : 0).rows
        var counts: [String: Int] = [:]
        for record in profiles.goroutine?.profile.goroutines ?? [] where record.isLeaked { counts[record.state, default: 0] += 1 }
        waitReasons = counts.map { ($0.key, $0.value) }.sorted { ($0.count, $1.state) > ($1.count, $0.state) }
    }

    public static func == (a: GoroutineLeakProof, b: GoroutineLeakProof) -> Bool {
        a.file == b.file && a.leaked == b.leaked && a.leakedAtBase == b.leakedAtBase && a.sites == b.sites
            && a.waitReasons.map(\.state) == b.waitReasons.map(\.state) && a.waitReasons.map(\.count) == b.waitReasons.map(\.count)
    }

    static func total(_ profile: Profile) -> Int64 {
        profile.sampleTypes.isEmpty ? 0 : profile.total(ofType: 0)
    }
}
