import Foundation

/// A request to end a recording early, shared between the recorder's thread and
/// whoever asks (a signal handler, a test). Asking wakes the recorder from its wait
/// for the next slot at once.
public final class StopRequest: @unchecked Sendable {
    private let condition = NSCondition()
    private var requested = false

    public init() {}

    public var isRequested: Bool {
        condition.lock()
        defer { condition.unlock() }
        return requested
    }

    public func request() {
        condition.lock()
        requested = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until the Unix time `deadline` or a stop request, whichever is first.
    /// Returns true when a stop was requested.
    @discardableResult
    public func wait(until deadline: Double) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !requested {
            let left = deadline - Date().timeIntervalSince1970
            if left <= 0 { break }
            _ = condition.wait(until: Date(timeIntervalSinceNow: left))
        }
        return requested
    }
}
