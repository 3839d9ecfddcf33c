import MemoryModel

/// What the GC leaves behind: the live heap after each collection, the series a heap
/// trend is judged on (the sawtooth between collections is allocation, not retention).
///
/// Sources, best first:
/// - `go_gc_heap_live_bytes` (`/gc/heap/live:bytes`, Go 1.21+): the live heap itself;
/// - the heap goal (`go_gc_heap_goal_bytes`, else `go_memstats_next_gc_bytes`, expvar's
///   `NextGC`), which the runtime sets at each GC to live × (1 + GOGC/100): divided back
///   by (1 + GOGC/100), with GOGC from `go_gc_gogc_percent` or 100. Its 4 MiB floor keeps
///   a tiny heap flat, which is right for a trend. Not under GOGC=off, where the goal is
///   the memory limit (or unbounded) and says nothing about the live heap;
/// - the low point of heap objects between GC cycles, the cycles told apart by
///   `go_gc_cycles_total_gc_cycles_total` (expvar's `NumGC`), else client_golang's default `go_gc_duration_seconds_count`;
/// - without a cycle counter, the low point of every five samples.
///
/// Values repeat between collections; only the first sample of each run of equal values
/// is kept, so each point is one collection's outcome.
public struct LiveHeapSeries: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        case liveBytes
        case heapGoal(series: String, gogc: Double, gogcAssumed: Bool)
        case cycleLows
        case rollingLows
    }

    public var source: Source
    public var times: [Double]
    public var values: [Double]

    public init(instance: InstanceSeries, breakdown: MemoryBreakdown) {
        let start = breakdown.timestamps[0], end = breakdown.timestamps[breakdown.lastIndex]
        func inWindow(_ series: MetricSeries, scale: Double = 1) -> ([Double], [Double]) {
            var times: [Double] = [], values: [Double] = []
            for (time, value) in zip(series.timestamps, series.values) where time >= start && time <= end && value.isFinite && value > 0 {
                if values.last == value / scale { continue }
                times.append(time)
                values.append(value / scale)
            }
            return (times, values)
        }
        if let live = instance.series(named: "go_gc_heap_live_bytes") {
            (times, values) = inWindow(live)
            source = .liveBytes
            if values.count >= 3 { return }
        }
        let settings = GCSettings(instance: instance)
        for name in ["go_gc_heap_goal_bytes", "go_memstats_next_gc_bytes"] {
            guard let gogc = settings.effectiveGOGC, gogc > 0, let goal = instance.series(named: name) else { continue }
            (times, values) = inWindow(goal, scale: 1 + gogc / 100)
            source = .heapGoal(series: name, gogc: gogc, gogcAssumed: settings.gogc == .unknown)
            if values.count >= 3 { return }
        }
        let objects = breakdown.categories[.heapObjects]!
        if let cycles = GoMemorySeriesNames.gcCycleCounter(in: instance) {
            let counts = MemoryBreakdown.alignNearest(cycles, to: breakdown.timestamps, acceptAnyValue: true)
            var lows: [(time: Double, value: Double)] = []
            var current: Double?
            for index in breakdown.timestamps.indices {
                guard let count = counts[index] else { continue }
                if count != current {
                    lows.append((breakdown.timestamps[index], objects[index]))
                    current = count
                } else if objects[index] < lows[lows.count - 1].value {
                    lows[lows.count - 1] = (breakdown.timestamps[index], objects[index])
                }
            }
            times = lows.map(\.time)
            values = lows.map(\.value)
            source = .cycleLows
            if values.count >= 3 { return }
        }
        times = []
        values = []
        for lower in stride(from: 0, to: objects.count, by: 5) {
            let upper = min(lower + 5, objects.count)
            let low = (lower..<upper).min { objects[$0] < objects[$1] }!
            times.append(breakdown.timestamps[low])
            values.append(objects[low])
        }
        source = .rollingLows
    }
}
