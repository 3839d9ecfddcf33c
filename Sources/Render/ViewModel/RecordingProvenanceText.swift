import MemoryModel

/// What a recording's manifest (`recording.json`) tells a reader of the report: one line
/// on how it was made, and what went wrong while recording, one line each.
struct RecordingProvenanceText {
    let provenance: RecordingProvenance

    /// `Recorded by gomemreport 0.1.0 from http://10.0.0.7:6060 (pid 4242): 180 samples
    /// every 10 s, 2026-11-28 07:00:00 – 07:30:00 UTC; stopped early by Ctrl-C.`, or
    /// `Queried by gomemreport 0.1.0 from http://prom:9090 for {job="api"},
    /// 2026-11-28 07:00:00 – 08:00:00 UTC at a 15s step.`
    var line: String {
        switch provenance {
        case .recorded(let manifest): return Self.recordedBy(manifest)
        case .queried(let query):
            let selector = query.selector.isEmpty ? "" : " for \(query.selector)"
            return "Queried by \(query.tool) from \(query.url)\(selector), \(Self.range(query.start, query.end)) UTC at a \(query.step) step."
        }
    }

    /// What went wrong while recording; nothing for a query.
    var problems: [String] {
        guard case .recorded(let manifest) = provenance else { return [] }
        return Self.problems(manifest)
    }

    private static func range(_ start: String, _ end: String) -> String {
        readable(start) + " – " + until(end, from: start)
    }

    /// The end time, without its date when it is the start's.
    private static func until(_ end: String, from start: String) -> String {
        end.prefix(10) == start.prefix(10) ? clock(end) : readable(end)
    }

    private static func recordedBy(_ manifest: RecordingManifest) -> String {
        var text = "Recorded by \(manifest.tool) from \(manifest.target.url)"
        if let pid = manifest.target.pid { text += " (pid \(pid))" }
        let taken = manifest.samples.taken
        text += ": \(DigitGrouping.string(Int64(taken))) sample\(taken == 1 ? "" : "s") every \(DurationFormat.string(seconds: manifest.intervalSeconds))"
        text += ", \(Self.readable(manifest.started))"
        if let ended = manifest.ended {
            text += " – " + until(ended, from: manifest.started)
        }
        text += " UTC; " + stateText(manifest.state) + "."
        if manifest.samples.missed > 0 {
            text += " \(DigitGrouping.string(Int64(manifest.samples.missed))) slot\(manifest.samples.missed == 1 ? " was" : "s were") missed because a sample overran."
        }
        return text
    }

    private static func stateText(_ state: RecordingManifest.State) -> String {
        switch state {
        case .completed: return "completed"
        case .interrupted: return "stopped early by Ctrl-C or SIGTERM, after the final profiles"
        case .stoppedAtOnce: return "stopped at once by a second Ctrl-C, without final profiles"
        case .targetExited: return "ended when the process exited"
        case .writeFailed: return "ended when a file could not be written"
        case .recording: return "the recorder did not finish (it was killed, or is still running)"
        }
    }

    /// Failures by endpoint and kind, then the recorder's notes (which say which
    /// endpoints were absent, which dumps were skipped, whether the process exited).
    private static func problems(_ manifest: RecordingManifest) -> [String] {
        var lines: [String] = []
        for endpoint in manifest.endpoints {
            // An absent endpoint's 404 is said once, in the notes.
            for failure in endpoint.errors where !(endpoint.absent && failure.kind == "http-404") {
                var line = "\(endpoint.source): \(failure.message), \(DigitGrouping.string(Int64(failure.count))) of \(DigitGrouping.string(Int64(endpoint.requests))) requests"
                line += failure.count == 1 ? " (at \(Self.clock(failure.first)) UTC)" : " (\(Self.clock(failure.first)) – \(Self.clock(failure.last)) UTC)"
                lines.append(line)
            }
        }
        return lines + manifest.notes
    }

    /// `2026-11-28T07:32:42.614Z` → `2026-11-28 07:32:42`.
    static func readable(_ rfc3339: String) -> String {
        guard rfc3339.count >= 19 else { return rfc3339 }
        return String(rfc3339.prefix(10)) + " " + clock(rfc3339)
    }

    /// `2026-11-28T07:32:42.614Z` → `07:32:42`.
    static func clock(_ rfc3339: String) -> String {
        guard rfc3339.count >= 19 else { return rfc3339 }
        return String(rfc3339.dropFirst(11).prefix(8))
    }
}
