/// One goroutine of a `debug=2` goroutine dump, with what only the dump tells:
/// its id, wait state, how long it has waited, and who created it.
///
/// Its stack is the matching sample of the `Profile` the dump was read into
/// (`Profile.goroutines[i]` describes sample `i`).
public struct GoroutineRecord: Sendable, Equatable {
    public var id: Int64
    /// The state or wait reason, for example `running`, `chan receive`, `select`, `IO wait`.
    public var state: String
    /// Minutes blocked, when the dump says (it does from one minute on).
    public var waitMinutes: Int?
    /// The header said `(scan)`: the GC was scanning the stack.
    public var isScanning: Bool
    /// The header said `(leaked)` (Go 1.26+): the GC proved the goroutine is blocked on
    /// something no running goroutine can reach, so it can never run again.
    public var isLeaked: Bool = false
    /// The header said `locked to thread`.
    public var isLockedToThread: Bool
    /// The `created by` function, if the dump names one.
    public var createdBy: String?
    /// Where the `created by` call is, as `file:line`.
    public var createdAt: String?

    public init(id: Int64, state: String, waitMinutes: Int? = nil, isScanning: Bool = false, isLockedToThread: Bool = false,
                createdBy: String? = nil, createdAt: String? = nil) {
        self.id = id
        self.state = state
        self.waitMinutes = waitMinutes
        self.isScanning = isScanning
        self.isLockedToThread = isLockedToThread
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}
