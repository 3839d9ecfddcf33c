import Analysis
import Foundation
import MemoryModel

/// Sentences about an instance's data: what was missing and what the report did
/// instead, what was repaired, restarts, GC activity, and which files each chart and
/// table came from. Markdown where it is rendered through cmark, plain text otherwise.
enum DataNotesText {
    /// One Markdown list item's text for `note`.
    static func markdown(_ note: DataNote) -> String {
        switch note {
        case .memStatsFallback:
            return "runtime/metrics memory classes (`go_memory_classes_*_bytes`, client_golang 1.12 and later) were not recorded, "
                + "so the categories come from MemStats (`go_memstats_*_bytes`), which give the same eight figures."
        case let .legacyName(current, legacy):
            return "\(MarkdownText.code(legacy)) (an older client_golang's name) was read as \(MarkdownText.code(current))."
        case .noRSS:
            return "No RSS was recorded (neither `process_resident_memory_bytes` from client_golang's process collector nor "
                + "`/proc/PID/status` files), so Go memory cannot be compared with what the kernel charges the process."
        case let .noGCSettings(missing, goVersion):
            let names = missing.map(MarkdownText.code).joined(separator: " and ")
            return "\(names) \(missing.count == 1 ? "was" : "were") not recorded (\(why(goVersion, addedIn: 21, collector: "client_golang 1.15 or later exports them by default", plural: missing.count > 1))): "
                + "the heap-goal comparison assumes GOGC=100"
                + (missing.contains("go_gc_gomemlimit_bytes") ? ", and whether a soft memory limit (GOMEMLIMIT) is set is unknown." : ".")
        case let .noLiveHeap(goVersion):
            return "`go_gc_heap_live_bytes` (`/gc/heap/live:bytes`) was not recorded (\(why(goVersion, addedIn: 21, collector: Self.metricsOption))): "
                + "heap trends are judged on the heap goal divided by (1 + GOGC/100), else on the lowest heap objects of each GC cycle, "
                + "and the heap-goal comparison uses the heap profile's `inuse_space`."
        case .liveHeapMeasured:
            return "Heap trends are judged on `go_gc_heap_live_bytes` (`/gc/heap/live:bytes`): the live heap the runtime measured at the end of "
                + "each GC cycle, without the garbage that heap objects include between collections."
        case let .noGCCPU(goVersion, hasExpvar):
            return "`go_cpu_classes_gc_total_cpu_seconds_total` (`/cpu/classes/gc/total:cpu-seconds`) was not recorded "
                + "(\(why(goVersion, addedIn: 20, collector: Self.metricsOption))): "
                + (hasExpvar ? "the GC's CPU share is expvar's `GCCPUFraction`, an average since the process started, not over the window."
                             : "the GC's share of CPU is unknown; `gc-pressure` judges collections by their rate and pauses only.")
        case let .noSchedulerStates(goVersion):
            return "`go_sched_goroutines_waiting_goroutines` and the other goroutine states (`/sched/goroutines/*`) were not recorded "
                + "(\(why(goVersion, addedIn: 26, collector: Self.metricsOption.replacingOccurrences(of: "exports it", with: "exports them"), plural: true))): goroutines are counted, not split into waiting, runnable and running."
        case let .underflow(series, samples, firstTime):
            let names = series.map(MarkdownText.code).joined(separator: ", ")
            return "\(names) exceeded 2^63 at \(samples) sample\(samples == 1 ? "" : "s") (first at "
                + "\(UTCTime(unixSeconds: firstTime).clock(seconds: true)) UTC): the known uint64 underflow of "
                + "`/memory/classes/heap/unused` in some Go releases. Those samples are left out of the chart and tables."
        }
    }

    private static let metricsOption = "client_golang exports it with `collectors.WithGoCollectorRuntimeMetrics(collectors.MetricsAll)` on its Go collector"

    /// Why a metric added in Go 1.`minor` is missing, as advice: upgrade Go, or enable
    /// the collector option (`collector` says which), or, without a version, both.
    private static func why(_ goVersion: String?, addedIn minor: Int, collector: String, plural: Bool = false) -> String {
        let it = plural ? "them" : "it"
        // go_info's version label: text from the recording.
        switch MissingMetricCause(goVersion: goVersion, addedInMinor: minor) {
        case .goTooOld(let version):
            return "this service runs \(MarkdownText.escape(version)); Go 1.\(minor) added \(it), so upgrading Go brings \(it)"
        case .collectorOptionNotEnabled(let version):
            return "this service runs \(MarkdownText.escape(version)), which has \(it), but the exporter did not export \(it): \(collector)"
        case .unknown:
            return "Go 1.\(minor) and later; \(collector)"
        }
    }

    /// The chart marker of a restart: a short label and the sentence for its tooltip.
    static func marker(_ restart: Restart) -> (label: String, detail: String) {
        ("restart", "Restart at \(UTCTime(unixSeconds: restart.time).readable): \(evidence(restart.evidence))")
    }

    static func evidence(_ evidence: Restart.Evidence) -> String {
        switch evidence {
        case let .startTimeChanged(from, to):
            return "process_start_time_seconds changed from \(UTCTime(unixSeconds: from).clock(seconds: true)) "
                + "to \(UTCTime(unixSeconds: to).clock(seconds: true)) UTC"
        case let .commandLineChanged(to):
            return "expvar's cmdline changed to \(to)"
        case let .counterFell(name, from, to):
            return "\(name) fell from \(whole(from)) to \(whole(to))"
        }
    }

    /// The restarts as one Markdown list item, nil without restarts.
    static func restarts(_ restarts: [Restart]) -> String? {
        guard !restarts.isEmpty else { return nil }
        // The evidence quotes the recording (expvar's cmdline, a counter's name): escaped.
        let each = restarts.map { "\(UTCTime(unixSeconds: $0.time).clock(seconds: true)) UTC (\(MarkdownText.escape(evidence($0.evidence))))" }
        return "The process restarted \(restarts.count == 1 ? "once" : "\(restarts.count) times") in the window: "
            + each.joined(separator: "; ") + ". Counters are taken as reset there, and the chart marks each restart."
    }

    /// GC cycles, pauses and restarts in a line, nil when none was recorded.
    static func activity(_ breakdown: MemoryBreakdown) -> String? {
        var parts: [String] = []
        let minutes = (breakdown.timestamps[breakdown.lastIndex] - breakdown.timestamps[0]) / 60
        if let cycles = breakdown.gcCycles {
            let rate = minutes > 0 ? String(format: " (%.1f per minute)", cycles / minutes) : ""
            parts.append("\(whole(cycles)) GC cycle\(cycles == 1 ? "" : "s") in the window\(rate)")
        }
        if let pauses = breakdown.gcPauses {
            parts.append("\(pauses.count) GC pause\(pauses.count == 1 ? "" : "s") totalling \(milliseconds(pauses.total)), "
                + "the longest \(milliseconds(pauses.longest)) at \(UTCTime(unixSeconds: pauses.longestTime).clock(seconds: true)) UTC (expvar PauseNs)")
        }
        if !breakdown.restarts.isEmpty {
            parts.append("\(breakdown.restarts.count) restart\(breakdown.restarts.count == 1 ? "" : "s")")
        }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// "prometheus/query_range.json", or several joined: files inside the recording are
    /// named relative to it, so pages do not depend on where the recording lay.
    static func files(_ files: [String], recordingLocation: String) -> String {
        let location = recordingLocation.hasSuffix("/") ? String(recordingLocation.dropLast()) : recordingLocation
        let shown = files.map { file -> String in
            var shown = file
            if file == location {
                shown = (file as NSString).lastPathComponent
            } else if file.hasPrefix(location + "/") {
                shown = String(file.dropFirst(location.count + 1))
            }
            // Snapshot series name their folder: say it is one.
            return (shown as NSString).pathExtension.isEmpty && !shown.hasSuffix("/") ? shown + "/" : shown
        }
        return ReportPage.compact(sourceFiles: shown).joined(separator: ", ")
    }

    private static func whole(_ value: Double) -> String {
        value.isFinite && abs(value) < 9e18 ? DigitGrouping.string(Int64(value.rounded())) : "\(value)"
    }

    private static func milliseconds(_ seconds: Double) -> String {
        let ms = seconds * 1000
        return ms >= 100 ? String(format: "%.0f ms", ms) : ms >= 1 ? String(format: "%.1f ms", ms) : String(format: "%.3f ms", ms)
    }
}
