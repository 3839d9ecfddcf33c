import Analysis
import MemoryModel

/// The report's own words, written as Markdown and rendered through the same cmark
/// path as the user's notes. Every figure quoted comes from the breakdown.
enum GeneratedSummary {
    static func markdown(_ breakdown: MemoryBreakdown) -> String {
        let first = 0, last = breakdown.lastIndex, peak = breakdown.peakIndex
        let go = breakdown.goMemory
        let start = breakdown.timestamps[first], end = breakdown.timestamps[last]
        var paragraphs: [String] = []

        paragraphs.append(
            "Over **\(DurationFormat.string(seconds: end - start))** (\(breakdown.count) samples), "
            + "Go memory went from **\(ByteFormat.string(go[first]))** to **\(ByteFormat.string(go[last]))**"
            + (peak != last ? ", peaking at **\(ByteFormat.string(go[peak]))** at \(UTCTime(unixSeconds: breakdown.timestamps[peak]).clock(seconds: true)) UTC." : ", its highest value in the window.")
            + restartSentence(breakdown.restarts)
        )

        // The largest category now, and the one that changed most.
        let ranked = MemoryCategory.allCases.sorted { breakdown.value($0, at: last) > breakdown.value($1, at: last) }
        let largest = ranked[0]
        let largestValue = breakdown.value(largest, at: last)
        var composition = "At the last sample the largest category is **\(largest.title.lowercased())**: "
            + "\(ByteFormat.string(largestValue)) (\(ByteFormat.percent(largestValue / max(go[last], 1))) of Go memory)."
        let changes = MemoryCategory.allCases.map { ($0, breakdown.value($0, at: last) - breakdown.value($0, at: first)) }
        if let grew = changes.max(by: { $0.1 < $1.1 }), grew.1 > 0, grew.1 >= 0.1 * max(go[first], 1) {
            composition += " The largest change is in **\(grew.0.title.lowercased())**: \(ByteFormat.signed(grew.1))"
                + " (\(ByteFormat.string(breakdown.value(grew.0, at: first))) → \(ByteFormat.string(breakdown.value(grew.0, at: last))))."
            if grew.0.isHeap {
                let heap = breakdown.heapTotal
                composition += " Heap total went from \(ByteFormat.string(heap[first])) to \(ByteFormat.string(heap[last]))."
                    + " If it keeps growing under steady load, across many GC cycles, suspect a heap leak and compare two heap profiles;"
                    + " a heap that only spikes calls for GC tuning (a soft limit, GOMEMLIMIT) instead."
            } else if grew.0 == .goroutineStacks {
                composition += " If goroutine stacks keep growing under steady load, suspect a goroutine leak and compare two goroutine profiles."
            }
        } else {
            composition += " No category grew by more than a tenth of the starting Go memory."
        }
        paragraphs.append(composition)

        var reconciliation = verdictSentence(Reconciliation(breakdown: breakdown, index: last), leading: "At the last sample")
        let nonGo = breakdown.nonGo
        if let before = nonGo[first], let after = nonGo[last] {
            reconciliation += " Non-Go memory (RSS − Go memory) went from \(ByteFormat.string(before)) to \(ByteFormat.string(after)) over the window."
        }
        paragraphs.append(reconciliation)
        return paragraphs.joined(separator: "\n\n")
    }

    /// The sentence that explains how Go memory compares with RSS at one sample.
    /// Figures across a restart compare two processes: say so where they are quoted.
    private static func restartSentence(_ restarts: [Restart]) -> String {
        guard !restarts.isEmpty else { return "" }
        let times = restarts.map { UTCTime(unixSeconds: $0.time).clock(seconds: true) + " UTC" }
        return " **The process restarted** at \(times.joined(separator: ", ")), so figures before and after"
            + " \(restarts.count == 1 ? "that moment" : "each restart") belong to different processes."
    }

    static func verdictSentence(_ r: Reconciliation, leading: String? = nil) -> String {
        let prefix = leading.map { "\($0), " } ?? ""
        guard let rss = r.rss, let ratio = r.ratio, let nonGo = r.nonGo else {
            return "\(prefix)RSS is unknown (the recording has no `process_resident_memory_bytes`), so Go memory cannot be reconciled with it."
        }
        let figures = "Go memory is \(ByteFormat.string(r.goMemory)) and RSS is \(ByteFormat.string(rss)) (Go memory is **\(ByteFormat.ratio(ratio))** RSS)"
        switch r.verdict {
        case .close:
            return "\(prefix)\(figures): **close to RSS**. Go memory dominates the process, so heap and goroutine profiles and GC tuning will help."
        case .goFarAboveRSS:
            return "\(prefix)\(figures): **far above RSS**, by \(ByteFormat.string(-nonGo)). "
                + "That part is address space the runtime reserved or allocated but never touched, so it is not resident; Go memory overstates physical use."
        case .goFarBelowRSS:
            return "\(prefix)\(figures): **far below RSS**. About \(ByteFormat.string(nonGo)) "
                + "(\(ByteFormat.percent(nonGo / rss)) of RSS) is non-Go memory: cgo allocations, `mmap`, or loaded binaries. Go profiles cannot see it."
        case .rssUnknown:
            return "\(prefix)RSS is unknown."
        }
    }

    /// The verdict in a few words, for tables.
    static func verdictLabel(_ r: Reconciliation) -> String {
        guard let ratio = r.ratio else { return "RSS unknown" }
        switch r.verdict {
        case .close: return "Go memory close to RSS (\(ByteFormat.ratio(ratio)))"
        case .goFarAboveRSS: return "Go memory far above RSS (\(ByteFormat.ratio(ratio)))"
        case .goFarBelowRSS: return "Go memory far below RSS (\(ByteFormat.ratio(ratio)))"
        case .rssUnknown: return "RSS unknown"
        }
    }

    static let breakdownNotes = """
        **Go memory** is the runtime's estimate of the physical memory it holds: `total − heap/released` \
        in runtime/metrics, `Sys − HeapReleased` in MemStats. The eight categories add up to it exactly. \
        **Heap total** is objects plus reserve; if it trends up under steady load, suspect a heap leak, and \
        if goroutine stacks trend up, a goroutine leak. **Non-Go memory** is RSS − Go memory: positive \
        means memory Go does not manage (cgo, `mmap`, binaries); negative means Go memory counts pages \
        that were never touched and so are not resident. Kernel memory (cgroup `memory.stat`) is not in \
        RSS but also counts toward an OOM kill. A heap profile's `inuse_space` is the live heap at the last \
        GC; with GOGC=100 the heap goal is about twice that.
        """
}
