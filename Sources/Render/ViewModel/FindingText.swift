import Analysis
import Foundation
import MemoryModel

/// The words of a finding: its title, what the evidence says, and what to do next, in
/// Markdown rendered through cmark. Every figure comes from the finding's evidence;
/// commands name the recording's own profile files.
struct FindingText {
    let finding: Finding
    let profiles: ProfileSet

    private func n(_ key: String) -> Double { finding.number(key) ?? 0 }
    private func bytes(_ key: String) -> String { ByteFormat.string(n(key)) }
    private func perHour(_ key: String) -> String { ByteFormat.string(n(key)) + "/hour" }
    private func count(_ value: Double) -> String { DigitGrouping.string(Int64(max(min(value.rounded(), 9e18), -9e18))) }
    private func clock(_ unix: Double) -> String { UTCTime(unixSeconds: unix).clock(seconds: true) + " UTC" }

    var title: String {
        switch finding.kind {
        case .heapLeak:
            return "Heap leak: the live heap grows \(perHour("rate_bytes_per_hour"))"
        case .goroutineLeak:
            if finding.number("goroutines_delta") != nil {
                return "Goroutine leak: +\(count(n("goroutines_delta"))) goroutines (\(count(n("rate_goroutines_per_hour")))/hour)"
            }
            return "Goroutine leak: goroutine stacks grow \(perHour("stack_rate_bytes_per_hour"))"
        case .nonGoMemory:
            return "Non-Go memory: \(bytes("non_go_bytes")) of \(bytes("rss_bytes")) RSS (\(ByteFormat.percent(n("non_go_share")))) is outside Go"
        case .nonGoGrowth:
            return "Non-Go memory grows \(perHour("rate_bytes_per_hour"))"
        case .virtualExceedsRSS:
            return "Go memory is \(String(format: "%.2f", n("go_to_rss_ratio")))× RSS: \(bytes("gap_bytes")) never touched"
        case .spikyHeap:
            return "Spiky heap: \(count(n("peak_count"))) peak\(n("peak_count") == 1 ? "" : "s") up to \(bytes("peak_bytes")) over a \(bytes("baseline_bytes")) baseline"
        case .nearMemoryLimit:
            return "Near the memory limit: \(ByteFormat.percent(n("peak_share_of_limit"))) of \(finding.fact("limit") ?? "the limit")"
        case .gcPressure:
            if let cpu = finding.number("gc_cpu_fraction"), finding.severity != .info {
                return "GC pressure: \(ByteFormat.percent(cpu)) of CPU in garbage collection"
            }
            if let pauses = finding.number("pause_share"), finding.severity != .info {
                return "GC pressure: \(ByteFormat.percent(pauses)) of the time in GC pauses"
            }
            return "Frequent GC: \(String(format: "%.0f", n("cycles_per_minute"))) cycles a minute"
        case .insufficientData:
            if finding.fact("missing") == "gc-cycles" {
                return "Too few GC cycles to judge the heap: \(count(n("gc_cycles")))"
            }
            return "Too little data to judge trends: \(DurationFormat.string(seconds: n("window_seconds"))), \(count(n("samples"))) samples"
        case .heapWarmUp:
            return "Warm-up, not a leak: the live heap grew \(bytes("growth_bytes")), then levelled off"
        case .oomKill:
            let kills = n("oom_kills")
            return "OOM kill\(kills == 1 ? "" : "s"): the kernel killed \(count(kills)) process\(kills == 1 ? "" : "es") in this container"
        }
    }

    /// What the evidence says, then what to do next.
    var markdown: String {
        var parts: [String] = []
        switch finding.kind {
        case .heapLeak:
            parts.append("The live heap after each GC (\(MarkdownText.escape(finding.fact("live_heap_source") ?? ""))) went from **\(bytes("live_heap_start_bytes"))** "
                + "to **\(bytes("live_heap_end_bytes"))** (+\(bytes("growth_bytes"))) from \(clock(n("growth_start_unix")))"
                + (finding.number("gc_cycles").map { ", over \(count($0)) GC cycles" } ?? "")
                + ": memory that every collection keeps. Confidence \(confidence) (Mann–Kendall), rate by Theil–Sen.")
            if let hours = finding.number("hours_to_limit") {
                parts.append("At this rate Go memory reaches the \(bytes("memory_limit_bytes")) limit in **\(DurationFormat.string(seconds: hours * 3600))**.")
            }
            parts.append(attributionSentence(unit: .bytes, what: "The heap profiles grew most in"))
            parts.append(nextSteps([
                heapDiffCommands(),
                "Look at what the top function keeps: a map or slice that only grows, a cache without eviction, or a goroutine that holds references.",
                "Take another heap profile later (`curl -o heap.pb.gz http://HOST/debug/pprof/heap`) and diff it against the latest to confirm the same sites keep growing.",
            ]))
        case .goroutineLeak:
            var text = ""
            if finding.fact("proof") == "runtime" {
                let base = finding.number("leaked_goroutines_base").map { "went from \(count($0)) to " } ?? "lists "
                let top = finding.attribution.first
                text += "**Proved by the runtime:** the goroutineleak profile (\(MarkdownText.code(finding.fact("leak_profile") ?? ""))) \(base)"
                    + "**\(count(n("leaked_goroutines")))** goroutines that the GC found blocked on something no running goroutine can reach, so they can never run again"
                    + (top.map { " — most in \(MarkdownText.code($0.function))\($0.line > 0 ? " at \(MarkdownText.escape(Self.position($0)))" : "")" } ?? "")
                    + (finding.fact("blocking").map { ", waiting on \(MarkdownText.escape($0))" } ?? "") + ". "
            }
            if finding.number("goroutines_delta") != nil {
                text += "Goroutines went from **\(count(n("goroutines_start")))** to **\(count(n("goroutines_end")))** (\(MarkdownText.code(finding.fact("series") ?? ""))), "
            } else if finding.fact("proof") != "runtime" || finding.fact("series") != nil {
                text += "Goroutine stack memory rose steadily, "
            } else {
                text += "The window is too short for a trend, "
            }
            text += "and goroutine stacks grew by \(ByteFormat.signed(n("stack_growth_bytes"))). Confidence \(confidence)."
            if finding.fact("proof") == "none" {
                text += " The runtime's goroutineleak profile (\(MarkdownText.code(finding.fact("leak_profile") ?? ""))) lists \(count(n("leaked_goroutines"))) leaked: "
                    + "these goroutines wait on something still reachable (a channel, mutex or context held by a global or a live struct), "
                    + "a leak only the rising count shows."
            }
            if let start = finding.number("waiting_goroutines_start"), let end = finding.number("waiting_goroutines_end") {
                let others = [finding.number("runnable_goroutines_end").map { "\(count($0)) runnable" },
                              finding.number("running_goroutines_end").map { "\(count($0)) running" }].compactMap { $0 }
                text += " The scheduler (`/sched/goroutines`) counts \(count(start)) waiting goroutines at the start and **\(count(end))** at the end"
                    + (others.isEmpty ? "" : ", with \(others.joined(separator: " and ")) at the end")
                    + (finding.number("goroutines_created").map { "; \(count($0)) were created in the window" } ?? "")
                    + (finding.fact("waiting_only_grew") == "yes" ? ". Waiting goroutines only grew: blocked ones pile up, as in a leak." : ".")
            }
            if let heap = finding.number("heap_growth_bytes"), let share = finding.number("heap_growth_explained_share") {
                text += " The heap grew too (+\(ByteFormat.string(heap))), and \(ByteFormat.percent(share)) of the heap profiles' growth is in goroutine "
                    + "creation and the leaking goroutines' own code: the heap growth is this leak's, not a separate heap leak."
            }
            parts.append(text)
            parts.append(attributionSentence(unit: .goroutines, what: "The goroutine profiles grew most in"))
            parts.append(nextSteps([
                goroutineCommands(),
                "Find who should wake the blocked goroutines (close the channel, cancel the context, or add a timeout), or why they are started without bound.",
            ]))
        case .nonGoMemory:
            parts.append("Over the last quarter of the window RSS is **\(bytes("rss_bytes"))** (\(MarkdownText.escape(finding.fact("rss_source") ?? "RSS"))) but Go memory is "
                + "**\(bytes("go_memory_bytes"))**: \(bytes("non_go_bytes")) (\(ByteFormat.percent(n("non_go_share")))) is memory Go does not manage. "
                + "Go heap and goroutine profiles cannot see it.")
            parts.append(nextSteps([
                "Look for cgo libraries (their `malloc`), `syscall.Mmap`/`unix.Mmap`, memory-mapped files and large loaded binaries.",
                "Compare `RssAnon` and `RssFile` in `/proc/PID/status` (the \"Go memory and RSS\" table shows them when `proc/` was recorded): anonymous memory points at cgo or `mmap`, file-backed at mapped files.",
                "`/proc/PID/smaps` lists each mapping with its RSS; the largest anonymous ones not in Go's arenas are the suspects. For cgo, use a native profiler (heaptrack, jemalloc's profiling).",
            ]))
        case .nonGoGrowth:
            parts.append("RSS − Go memory rose from **\(bytes("non_go_start_bytes"))** to **\(bytes("non_go_end_bytes"))** (+\(bytes("growth_bytes"))), "
                + "\(perHour("rate_bytes_per_hour")). Confidence \(confidence). Go profiles will not explain it: the growth is outside Go.")
            parts.append(nextSteps([
                "Record `/proc/PID/smaps` twice and compare mappings: a mapping that keeps growing is the leak.",
                "Check cgo code for `malloc` without `free`, and `mmap` without `munmap`.",
            ]))
        case .virtualExceedsRSS:
            parts.append("Go memory is **\(bytes("go_memory_bytes"))** but RSS only **\(bytes("rss_bytes"))**: \(bytes("gap_bytes")) is address space "
                + "reserved or allocated but never touched (a large slice never written, for example), so Go memory overstates physical use. "
                + "RSS is the better guide to what the process costs.")
            parts.append(nextSteps([
                heapProfileTopCommand(),
                "Look for large allocations that are sized for the worst case (`make([]T, huge)`) and allocate them lazily or in chunks.",
            ]))
        case .spikyHeap:
            parts.append("Heap objects stay near **\(bytes("baseline_bytes"))** but peak \(count(n("peak_count"))) time\(n("peak_count") == 1 ? "" : "s") at up to "
                + "**\(bytes("peak_bytes"))** (\(String(format: "%.0f", n("peak_to_baseline_ratio")))× the median), the longest peak lasting about "
                + "\(DurationFormat.string(seconds: n("longest_peak_seconds"))), with no trend: a burst workload, not a leak. "
                + "Go memory peaked at \(bytes("peak_go_memory_bytes")) because the GC lets the heap grow to twice what survived the last collection.")
            var steps = ["Set a soft memory limit so the GC works harder near it instead of doubling the heap: `GOMEMLIMIT=\(limitText(n("suggested_gomemlimit_bytes")))` "
                + "(1.25 × the largest live heap seen, plus Go's memory outside the heap, rounded up to 16 MiB; below 90% of the container's limit when one is known)."]
            if let current = finding.number("gomemlimit_bytes") {
                steps.append("A limit is already set: GOMEMLIMIT=\(limitText(current)). Compare it with the suggestion above.")
            }
            steps.append("If the peaks come from one request type, bound its memory (stream instead of buffering, cap batch sizes).")
            parts.append(nextSteps(steps))
        case .nearMemoryLimit:
            parts.append("Memory reached **\(bytes("peak_bytes"))** at \(clock(n("closest_at_unix"))), \(ByteFormat.percent(n("peak_share_of_limit"))) of "
                + "\(MarkdownText.escape(finding.fact("limit") ?? "the limit")) (\(bytes("limit_bytes"))): \(ByteFormat.signed(n("headroom_bytes"))) of headroom at its smallest.")
            parts.append(nextSteps([
                finding.fact("limit") == "GOMEMLIMIT"
                    ? "Near GOMEMLIMIT the GC runs more often and can take up to half the CPU; raise the limit or reduce the live heap."
                    : "The kernel kills the container at memory.max; kernel memory (sockets, page tables) counts too. Raise the limit or set GOMEMLIMIT below it.",
            ]))
        case .gcPressure:
            var text = "\(count(n("gc_cycles"))) GC cycles in the window (\(String(format: "%.1f", n("cycles_per_minute"))) a minute)"
            if let cpu = finding.number("gc_cpu_fraction") {
                text += finding.fact("gc_cpu_source") == "runtime/metrics"
                    ? "; the GC used \(String(format: cpu < 0.1 ? "%.1f%%" : "%.0f%%", cpu * 100)) of the CPU available to Go in the window (\(String(format: "%.1f", n("gc_cpu_seconds"))) CPU-seconds, `/cpu/classes/gc`)"
                    : "; the GC has used \(ByteFormat.percent(cpu)) of the CPU since start (expvar GCCPUFraction)"
            }
            if let pauses = finding.number("pause_share") { text += "; \(ByteFormat.percent(pauses)) of the window was spent in stop-the-world pauses" }
            if let goal = finding.number("heap_goal_bytes") { text += ". The heap goal is \(ByteFormat.string(goal))" }
            parts.append(text + ".")
            parts.append(nextSteps(finding.severity == .info
                ? ["Frequent collections of a small heap are cheap; nothing to do unless CPU is short. If it is, a larger GOGC or a GOMEMLIMIT trades memory for CPU."]
                : ["Reduce the allocation rate (an allocation profile: `go tool pprof -sample_index=alloc_space`), or raise GOGC / set GOMEMLIMIT to collect less often."]))
        case .insufficientData:
            if finding.fact("missing") == "gc-cycles" {
                parts.append("Only \(count(n("gc_cycles"))) GC cycle\(n("gc_cycles") == 1 ? "" : "s") ran in \(DurationFormat.string(seconds: n("window_seconds"))). "
                    + "Heap objects changed by \(ByteFormat.signed(n("heap_objects_change_bytes"))), but without collections that is garbage waiting for a GC, "
                    + "not memory kept: no heap trend is judged.")
                parts.append(nextSteps(["Record long enough for at least \(count(n("minimum_gc_cycles"))) GC cycles (a longer window, or under more load)."]))
            } else {
                parts.append("The window is \(DurationFormat.string(seconds: n("window_seconds"))) with \(count(n("samples"))) samples; trends need at least "
                    + "\(DurationFormat.string(seconds: n("minimum_window_seconds"))) and \(count(n("minimum_samples"))) samples.")
                parts.append(nextSteps(["Record for at least 10 minutes, ideally an hour under normal load."]))
            }
        case .heapWarmUp:
            parts.append("The live heap after GC rose by \(bytes("growth_bytes")) from \(bytes("live_heap_start_bytes")), then held near "
                + "**\(bytes("plateau_bytes"))** from \(clock(n("plateau_start_unix"))): a cache or pool warming up, not a leak.")
            parts.append(nextSteps(["If the level is higher than expected, size the cache; record longer to confirm it stays flat."]))
        case .oomKill:
            var text = "The cgroup's `memory.events` counted **\(count(n("oom_kills")))** OOM kill\(n("oom_kills") == 1 ? "" : "s") "
                + "(`oom_kill` \(count(n("oom_kill_before"))) → \(count(n("oom_kill_after")))), first seen at \(clock(n("first_seen_at_unix")))"
            if n("last_seen_at_unix") != n("first_seen_at_unix") { text += ", last at \(clock(n("last_seen_at_unix")))" }
            text += "."
            if let hits = finding.number("memory_max_events"), hits > 0 {
                text += " The container reached memory.max \(count(hits)) time\(hits == 1 ? "" : "s")"
                    + (finding.number("limit_bytes").map { " (\(ByteFormat.string($0)))" } ?? "") + "."
            }
            parts.append(text + " The kernel ends the process it picks at once; if it was this service, a restart follows.")
            parts.append(nextSteps([
                "See which process was killed and how large it was: `journalctl -k | grep -i 'killed process'` (or `dmesg`) on the host.",
                "Kernel memory (sockets, page tables) counts toward memory.max too. Raise the limit, or set GOMEMLIMIT to about 90% of it so the Go heap gives way first.",
            ]))
        }
        return parts.filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    var confidence: String {
        let value = finding.confidence
        if value >= 0.9995 { return ">99.9%" }
        return String(format: "%.1f%%", value * 100)
    }

    private enum Unit { case bytes, goroutines }

    /// `main.go:45`: where an attribution row points, for people.
    static func position(_ row: Finding.Attribution) -> String {
        row.line > 0 ? "\((row.file as NSString).lastPathComponent):\(row.line)" : row.file
    }

    /// `+44.9 MiB` for heap findings, `+29,481` for goroutine findings.
    static func amount(_ row: Finding.Attribution, of finding: Finding) -> String {
        finding.kind == .goroutineLeak ? "+" + DigitGrouping.string(row.delta) : ByteFormat.signed(Double(row.delta))
    }

    private func attributionSentence(unit: Unit, what: String) -> String {
        guard !finding.attribution.isEmpty else {
            return "The recording has no pair of \(unit == .bytes ? "heap" : "goroutine") profiles to attribute the growth to; take two, minutes apart."
        }
        let items = finding.attribution.prefix(3).map { row -> String in
            // Names and wait states come from the profiles: Markdown-escaped, so they read as themselves.
            let position = row.line > 0 ? " (\(MarkdownText.escape(Self.position(row))))" : ""
            let detail = row.detail.map { ", \(MarkdownText.escape($0))" } ?? ""
            return "\(MarkdownText.code(row.function))\(position) \(Self.amount(row, of: finding))\(detail)"
        }
        return "\(what) " + items.joined(separator: "; ") + "."
    }

    private func nextSteps(_ steps: [String]) -> String {
        let kept = steps.filter { !$0.isEmpty }
        guard !kept.isEmpty else { return "" }
        return "**Next steps**\n\n" + kept.map { "- " + $0 }.joined(separator: "\n")
    }

    private func heapDiffCommands() -> String {
        guard let current = profiles.heap, let base = profiles.heapBase else {
            return "Take two heap profiles minutes apart (`curl -o heap-1.pb.gz http://HOST/debug/pprof/heap`, then `heap-2.pb.gz`) and diff them: `go tool pprof -top -diff_base heap-1.pb.gz heap-2.pb.gz`."
        }
        let baseFile = ShellQuoting.word(base.file), currentFile = ShellQuoting.word(current.file)
        return "Diff the recording's heap profiles, from its folder: \(MarkdownText.code("go tool pprof -top -diff_base \(baseFile) \(currentFile)")), "
            + "or as a page with a flame graph: \(MarkdownText.code("gomemreport profile \(currentFile) --base \(baseFile) -o heap-diff.html"))."
    }

    private func goroutineCommands() -> String {
        guard let current = profiles.goroutine, let base = profiles.goroutineBase else {
            return "Take two goroutine dumps minutes apart (`curl -o g.txt 'http://HOST/debug/pprof/goroutine?debug=2'`) and compare their largest groups."
        }
        let bothProto = current.file.hasSuffix(".pb.gz") && base.file.hasSuffix(".pb.gz")
        let baseFile = ShellQuoting.word(base.file), currentFile = ShellQuoting.word(current.file)
        return "Compare the recording's goroutine profiles, from its folder: \(MarkdownText.code("gomemreport profile \(currentFile) --base \(baseFile) -o goroutines.html"))"
            + (bothProto ? ", or \(MarkdownText.code("go tool pprof -top -diff_base \(baseFile) \(currentFile)"))." : ".")
    }

    private func heapProfileTopCommand() -> String {
        guard let current = profiles.heap else { return "" }
        return "See the largest allocations still live: \(MarkdownText.code("go tool pprof -top -sample_index=inuse_space \(ShellQuoting.word(current.file))")) (from the recording's folder)."
    }

    /// GOMEMLIMIT accepts `MiB`/`GiB` suffixes.
    private func limitText(_ bytes: Double) -> String {
        let mib = bytes / 1024 / 1024
        if mib >= 1024, (mib / 1024).rounded() == mib / 1024 { return "\(Int(mib / 1024))GiB" }
        return "\(Int(mib.rounded()))MiB"
    }
}
