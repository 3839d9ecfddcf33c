/// The container's view of memory (cgroup v2), aligned to a breakdown's samples: what
/// counts toward an OOM kill, including kernel memory Go cannot see, and the limit.
public struct ContainerMemory: Sendable, Equatable {
    /// `memory.current`: all memory charged to the container.
    public var current: [Double?]
    /// Kernel memory from `memory.stat`.
    public var kernel: [Double?]
    /// `memory.max`; nil where the container has no limit.
    public var limit: [Double?]

    public init(current: [Double?], kernel: [Double?], limit: [Double?]) {
        self.current = current
        self.kernel = kernel
        self.limit = limit
    }

    /// The highest limit in force during the window, if any.
    public var highestLimit: Double? { limit.compactMap { $0 }.max() }
}
