/// The profiles a report shows: for heap and goroutine profiles, the latest one and the
/// base to diff it against (by default the earliest).
public struct ProfileSet: Sendable, Equatable {
    public var heap: RecordedProfile?
    public var heapBase: RecordedProfile?
    public var goroutine: RecordedProfile?
    public var goroutineBase: RecordedProfile?

    public init(heap: RecordedProfile? = nil, heapBase: RecordedProfile? = nil,
                goroutine: RecordedProfile? = nil, goroutineBase: RecordedProfile? = nil) {
        self.heap = heap
        self.heapBase = heapBase
        self.goroutine = goroutine
        self.goroutineBase = goroutineBase
    }

    public var isEmpty: Bool { heap == nil && goroutine == nil }
}
