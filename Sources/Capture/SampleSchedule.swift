/// The moments samples are due: slot k is `start + k × interval`, whatever happened
/// before, so the schedule never drifts.
///
/// A sample that ends after its successor's slot does not shift the rest: the slots
/// it overran are missed (and counted), and the next sample waits for the next slot
/// still ahead. A sample that starts late is taken at once and stamped with its real
/// time. Pure arithmetic on Unix seconds; nothing here reads a clock.
public struct SampleSchedule: Sendable, Equatable {
    public let start: Double
    public let interval: Double
    /// Slots due up to and including this one are the recording's; nil: no end.
    public let lastSlot: Int?

    /// `duration` nil records until stopped. A duration that is not a whole number of
    /// intervals ends at the last slot inside it; slot 0 is always taken.
    public init(start: Double, interval: Double, duration: Double?) {
        self.start = start
        self.interval = interval
        lastSlot = duration.map { max(0, Int(($0 / interval + 1e-9).rounded(.down))) }
    }

    /// When slot `k` is due.
    public func time(ofSlot k: Int) -> Double { start + Double(k) * interval }

    /// When the recording ends: the last slot's time (nil: never).
    public var end: Double? { lastSlot.map(time(ofSlot:)) }

    /// The first slot after `slot` that is not yet past at `now`, or nil when the
    /// schedule has no such slot. Slots skipped on the way are missed.
    public func next(after slot: Int, now: Double) -> (slot: Int, missed: Int)? {
        var next = slot + 1
        // A slot whose time came within a tenth of an interval is still taken, late.
        let overdue = Int(((now - time(ofSlot: next)) / interval - 0.1).rounded(.up))
        if overdue > 0 { next += overdue }
        if let lastSlot, next > lastSlot { return nil }
        return (next, next - slot - 1)
    }
}
