/// The profiles a report shows: for heap, goroutine and goroutineleak profiles, the
/// latest one and the base to diff it against (by default the earliest).
public struct ProfileSet: Sendable, Equatable {
    public var heap: RecordedProfile?
    public var heapBase: RecordedProfile?
    public var goroutine: RecordedProfile?
    public var goroutineBase: RecordedProfile?
    /// Go 1.26+'s goroutineleak profile, latest and earliest: the goroutines the GC
    /// proved leaked. Nil before Go 1.27 (the endpoint answers 404).
    public var goroutineLeak: RecordedProfile?
    public var goroutineLeakBase: RecordedProfile?

    public init(heap: RecordedProfile? = nil, heapBase: RecordedProfile? = nil,
                goroutine: RecordedProfile? = nil, goroutineBase: RecordedProfile? = nil,
                goroutineLeak: RecordedProfile? = nil, goroutineLeakBase: RecordedProfile? = nil) {
        self.heap = heap
        self.heapBase = heapBase
        self.goroutine = goroutine
        self.goroutineBase = goroutineBase
        self.goroutineLeak = goroutineLeak
        self.goroutineLeakBase = goroutineLeakBase
    }

    public var isEmpty: Bool { heap == nil && goroutine == nil }
}
