import MemoryModel

/// How the scheduler splits the goroutines at the start and end of a window, from
/// runtime/metrics `/sched/goroutines/{waiting,runnable,running,not-in-go}:goroutines`
/// and `/sched/goroutines-created:goroutines` (Go 1.26+, client_golang's `MetricsAll`).
/// A goroutine leak shows as waiting goroutines that only grow while the others stay
/// level.
///
/// Nil when the waiting series has no finite sample in the window. A state whose series
/// is missing counts as nil, not 0.
public struct GoroutineSchedulerStates: Sendable, Equatable {
    public static let waitingSeries = "go_sched_goroutines_waiting_goroutines"
    static let seriesNames: [(State, String)] = [
        (.waiting, waitingSeries),
        (.runnable, "go_sched_goroutines_runnable_goroutines"),
        (.running, "go_sched_goroutines_running_goroutines"),
        (.notInGo, "go_sched_goroutines_not_in_go_goroutines"),
    ]
    public static let createdSeries = "go_sched_goroutines_created_goroutines_total"

    public enum State: String, Sendable, CaseIterable {
        case waiting, runnable, running
        case notInGo = "not in Go"
    }

    /// Counts at the first and the last sample of the window, by state.
    public var first: [State: Double]
    public var last: [State: Double]
    /// Goroutines created in the window (the counter's increase), when recorded.
    public var created: Double?
    /// Whether the waiting count rose through the window without falling back: up by
    /// at least 10 and a fifth of where it started, never more than a tenth of that
    /// rise (or 5) below its highest so far.
    public var waitingOnlyGrew: Bool

    public init?(instance: InstanceSeries, from start: Double, to end: Double) {
        func window(_ name: String) -> [Double]? {
            guard let series = instance.series(named: name) else { return nil }
            let values = zip(series.timestamps, series.values).filter { $0.0 >= start && $0.0 <= end && $0.1.isFinite }.map(\.1)
            return values.isEmpty ? nil : values
        }
        guard let waiting = window(Self.waitingSeries) else { return nil }
        var first: [State: Double] = [:], last: [State: Double] = [:]
        for (state, name) in Self.seriesNames {
            guard let values = window(name) else { continue }
            first[state] = values[0]
            last[state] = values[values.count - 1]
        }
        self.first = first
        self.last = last
        created = window(Self.createdSeries).flatMap { $0.count >= 2 ? CounterIncrease(values: $0).increase : nil }
        // Grew by at least 10 and a fifth, and never fell back by more than a tenth of
        // that rise (request goroutines come and go around a leak).
        let rise = waiting[waiting.count - 1] - waiting[0]
        var peak = -Double.infinity, drawdown = 0.0
        for value in waiting {
            peak = max(peak, value)
            drawdown = max(drawdown, peak - value)
        }
        waitingOnlyGrew = rise >= max(10, 0.2 * waiting[0]) && drawdown <= max(5, 0.1 * rise)
    }
}
