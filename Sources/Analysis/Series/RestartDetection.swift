import MemoryModel

/// Finds restarts of one instance's process from its series.
///
/// Three kinds of evidence, strongest first:
/// - `process_start_time_seconds` (client_golang's process collector) takes a new value;
///   that value is the restart time;
/// - a different `cmdline` (expvar's, read as the info series `expvar_cmdline_info`)
///   starts being reported;
/// - a counter that only grows within a process falls (GC cycles, bytes allocated,
///   mallocs, CPU seconds).
///
/// Evidence within one sampling gap of a restart already found is the same restart.
/// Contract: the result is sorted by time, and empty for a series with no such evidence.
public enum RestartDetection {
    /// Counters that only grow while one process lives.
    static let monotonicCounters = [
        "go_gc_cycles_total_gc_cycles_total", "go_gc_duration_seconds_count", "go_memstats_alloc_bytes_total", "go_memstats_mallocs_total",
        "process_cpu_seconds_total",
    ]

    public static func restarts(in instance: InstanceSeries) -> [Restart] {
        var found: [(restart: Restart, after: Double)] = []
        func add(_ restart: Restart, previousSample: Double) {
            // The same restart seen again: its evidence lies between the same two samples.
            if found.contains(where: { abs($0.after - previousSample) < 1e-9 || abs($0.restart.time - restart.time) < 1e-9 }) { return }
            found.append((restart, previousSample))
        }

        if let start = instance.series(named: "process_start_time_seconds") {
            for index in start.values.indices.dropFirst() {
                let before = start.values[index - 1], now = start.values[index]
                guard before.isFinite, now.isFinite, now != before else { continue }
                // A new process cannot have started before the sample that still saw the old one.
                let time = min(max(now, start.timestamps[index - 1]), start.timestamps[index])
                add(Restart(time: time, evidence: .startTimeChanged(from: before, to: now)),
                    previousSample: start.timestamps[index - 1])
            }
        }

        let cmdlines = instance.series.filter { $0.name == "expvar_cmdline_info" && !$0.timestamps.isEmpty }
            .sorted { $0.timestamps[0] < $1.timestamps[0] }
        for (older, newer) in zip(cmdlines, cmdlines.dropFirst()) {
            let previous = older.timestamps.last { $0 < newer.timestamps[0] } ?? older.timestamps[0]
            add(Restart(time: newer.timestamps[0], evidence: .commandLineChanged(to: newer.labels["cmdline"] ?? "")),
                previousSample: previous)
        }

        for name in monotonicCounters {
            guard let counter = instance.series(named: name) else { continue }
            for reset in CounterIncrease(values: counter.values).resets {
                add(Restart(time: counter.timestamps[reset.after],
                            evidence: .counterFell(name: name, from: counter.values[reset.before], to: counter.values[reset.after])),
                    previousSample: counter.timestamps[reset.before])
            }
        }
        return found.map(\.restart).sorted { $0.time < $1.time }
    }
}
