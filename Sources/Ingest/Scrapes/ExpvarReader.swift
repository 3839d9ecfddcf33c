import Foundation
import MemoryModel

/// Reads a raw `/debug/vars` body and turns its `memstats` into the gauges
/// client_golang exports from runtime.MemStats (`go_memstats_*_bytes` and friends), so
/// the same breakdown code serves both sources.
///
/// Failure modes, each an `InputError` naming the file: a body that is not a JSON
/// object (with the parser's message), no `memstats` object, or a field that is not a
/// number.
public enum ExpvarReader {
    /// MemStats fields and the client_golang names they become.
    static let names: [(field: String, metric: String)] = [
        ("Alloc", "go_memstats_alloc_bytes"), ("HeapAlloc", "go_memstats_heap_alloc_bytes"),
        ("HeapIdle", "go_memstats_heap_idle_bytes"), ("HeapInuse", "go_memstats_heap_inuse_bytes"),
        ("HeapReleased", "go_memstats_heap_released_bytes"), ("HeapSys", "go_memstats_heap_sys_bytes"),
        ("HeapObjects", "go_memstats_heap_objects"), ("StackInuse", "go_memstats_stack_inuse_bytes"),
        ("StackSys", "go_memstats_stack_sys_bytes"), ("MSpanInuse", "go_memstats_mspan_inuse_bytes"),
        ("MSpanSys", "go_memstats_mspan_sys_bytes"), ("MCacheInuse", "go_memstats_mcache_inuse_bytes"),
        ("MCacheSys", "go_memstats_mcache_sys_bytes"), ("GCSys", "go_memstats_gc_sys_bytes"),
        ("OtherSys", "go_memstats_other_sys_bytes"), ("BuckHashSys", "go_memstats_buck_hash_sys_bytes"),
        ("Sys", "go_memstats_sys_bytes"), ("NextGC", "go_memstats_next_gc_bytes"),
        ("NumGC", "go_gc_cycles_total_gc_cycles_total"), ("TotalAlloc", "go_memstats_alloc_bytes_total"),
        ("Mallocs", "go_memstats_mallocs_total"), ("Frees", "go_memstats_frees_total"),
        ("GCCPUFraction", "go_memstats_gc_cpu_fraction"),
    ]

    public static func read(_ bytes: [UInt8], file: String, time: Double?) throws -> [ScrapedSample] {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            let message = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "it does not parse"
            throw InputError(file: file, reason: "not valid JSON: \(message)")
        }
        guard let root = object as? [String: Any] else {
            throw InputError(file: file, reason: "not a JSON object; expected an expvar /debug/vars body")
        }
        guard let memstats = root["memstats"] as? [String: Any] else {
            throw InputError(file: file, location: "memstats", reason: "missing; expvar publishes it when the program imports expvar")
        }
        var samples: [ScrapedSample] = []
        for (field, metric) in names {
            guard let raw = memstats[field] else { continue }
            guard let number = raw as? NSNumber else {
                throw InputError(file: file, location: "memstats.\(field)", reason: "is not a number")
            }
            samples.append(ScrapedSample(name: metric, labels: [:], value: number.doubleValue, timestamp: time))
        }
        // The command line as an info series, so a changed binary or flags shows a restart.
        if let arguments = root["cmdline"] as? [String] {
            samples.append(ScrapedSample(name: "expvar_cmdline_info", labels: ["cmdline": arguments.joined(separator: " ")],
                                         value: 1, timestamp: time))
        }
        samples += try pauses(memstats, file: file)
        return samples
    }

    /// The GC pauses the snapshot remembers: `PauseNs[i]` ended at `PauseEnd[i]` (both
    /// circular buffers of 256, zero where unused), as `expvar_gc_pause_seconds` samples
    /// at their own end times. Consecutive snapshots repeat most of them; the series is
    /// an event log that `SeriesTimeOrder` merges without a warning.
    private static func pauses(_ memstats: [String: Any], file: String) throws -> [ScrapedSample] {
        guard let durations = memstats["PauseNs"] as? [NSNumber], let ends = memstats["PauseEnd"] as? [NSNumber] else { return [] }
        guard durations.count == ends.count else {
            throw InputError(file: file, location: "memstats.PauseEnd", reason: "has \(ends.count) entries but PauseNs has \(durations.count)")
        }
        var samples: [ScrapedSample] = []
        for (duration, end) in zip(durations, ends) where end.uint64Value > 0 {
            let seconds = Double(end.uint64Value) / 1e9
            guard seconds <= 253_402_300_799 else {
                throw InputError(file: file, location: "memstats.PauseEnd", reason: "holds \(end), beyond the year 9999")
            }
            samples.append(ScrapedSample(name: SeriesTimeOrder.gcPauseSeries, labels: [:], value: duration.doubleValue / 1e9, timestamp: seconds))
        }
        return samples
    }
}
