import MemoryModel

/// Goroutines with the same stack (and, from a `debug=2` dump, the same wait state).
public struct GoroutineGroup: Sendable, Equatable {
    /// Identifies the group across snapshots: the wait state and the stack's frames.
    public struct Key: Sendable, Hashable {
        public var state: String
        public var frames: [GoroutineFrame]
    }

    public var key: Key
    public var count: Int64
    /// What the goroutines wait for, e.g. `chan receive`; from the stack or the dump's state.
    public var blockingOperation: String
    /// The wait state from a `debug=2` dump (e.g. `chan receive`), empty without one.
    public var state: String { key.state }
    /// The stack, leaf first.
    public var frames: [GoroutineFrame] { key.frames }
    /// The first frame outside the runtime and standard blocking wrappers: the code
    /// that owns these goroutines.
    public var owner: GoroutineFrame?
    /// The shortest and longest wait in minutes, when the dump gives them.
    public var minutesWaiting: ClosedRange<Int>?
    /// Where the goroutines were started, when the dump says (`created by`).
    public var createdBy: String?
}
