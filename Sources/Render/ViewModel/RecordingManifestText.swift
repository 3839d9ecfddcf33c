import MemoryModel

/// What a recording's manifest (`recording.json`) tells a reader of the report: one line
/// on how it was made, and what went wrong while recording, one line each.
struct RecordingManifestText {
    let manifest: RecordingManifest

    /// `Recorded by gomemreport 0.1.0 from http://10.0.0.7:6060 (pid 4242): 180 samples
    /// every 10 s, 2026-11-28 07:00:00 – 07:30:00 UTC; stopped early by Ctrl-C.`
    var recordedBy: String {
        var text = "Recorded by \(manifest.tool) from \(manifest.target.url)"
        if let pid = manifest.target.pid { text += " (pid \(pid))" }
        let taken = manifest.samples.taken
        text += ": \(DigitGrouping.string(Int64(taken))) sample\(taken == 1 ? "" : "s") every \(DurationFormat.string(seconds: manifest.intervalSeconds))"
        text += ", \(Self.readable(manifest.started))"
        if let ended = manifest.ended {
            let sameDay = ended.prefix(10) == manifest.started.prefix(10)
            text += " – " + (sameDay ? Self.clock(ended) : Self.readable(ended))
        }
        text += " UTC; " + stateText + "."
        if manifest.samples.missed > 0 {
            text += " \(DigitGrouping.string(Int64(manifest.samples.missed))) slot\(manifest.samples.missed == 1 ? " was" : "s were") missed because a sample overran."
        }
        return text
    }

    private var stateText: String {
        switch manifest.state {
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
    var problems: [String] {
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
