import MemoryModel

extension RecordingProvenance {
    /// Checks what the report prints of a manifest: its times are RFC 3339 in the years
    /// 1970–9999, its periods finite, positive and under a century, its counts not
    /// negative. JSON that decodes can still say the interval is 1e300 seconds (which no
    /// duration format can print) or that a recording started in the year 30000.
    /// Throws an `InputError` naming `file` and the field.
    func validate(file: String) throws {
        switch self {
        case .recorded(let manifest):
            try Self.checkPeriod(manifest.intervalSeconds, "interval_seconds", file: file)
            try manifest.durationSeconds.map { try Self.checkPeriod($0, "duration_seconds", file: file) }
            try manifest.profilesEverySeconds.map { try Self.checkPeriod($0, "profiles_every_seconds", file: file) }
            try Self.checkTime(manifest.started, "started", file: file)
            try manifest.ended.map { try Self.checkTime($0, "ended", file: file) }
            for (index, round) in manifest.profileRounds.enumerated() {
                try Self.checkTime(round.time, "profile_rounds[\(index)].time", file: file)
            }
            let samples = manifest.samples
            for (value, field) in [(samples.taken, "samples.taken"), (samples.late, "samples.late"),
                                   (samples.missed, "samples.missed"), (manifest.errorCount, "error_count")] {
                try Self.checkCount(value, field, file: file)
            }
            for (index, endpoint) in manifest.endpoints.enumerated() {
                let path = "endpoints[\(index)]"
                for (value, field) in [(endpoint.requests, "requests"), (endpoint.answers, "answers"),
                                       (endpoint.bytes, "bytes"), (endpoint.skipped, "skipped")] {
                    try Self.checkCount(value, "\(path).\(field)", file: file)
                }
                for (number, failure) in endpoint.errors.enumerated() {
                    try Self.checkCount(failure.count, "\(path).errors[\(number)].count", file: file)
                    try Self.checkTime(failure.first, "\(path).errors[\(number)].first", file: file)
                    try Self.checkTime(failure.last, "\(path).errors[\(number)].last", file: file)
                }
            }
        case .queried(let manifest):
            try Self.checkTime(manifest.start, "start", file: file)
            try Self.checkTime(manifest.end, "end", file: file)
            try Self.checkPeriod(manifest.stepSeconds, "step_seconds", file: file)
        }
    }

    /// A century: longer than any recording, short enough for every duration format.
    private static let longestPeriod = 100 * 366 * 86_400.0

    private static func checkPeriod(_ seconds: Double, _ field: String, file: String) throws {
        guard seconds.isFinite, seconds > 0, seconds <= longestPeriod else {
            throw InputError(file: file, location: field, reason: "is \(seconds); expected a number of seconds above 0 and below a century")
        }
    }

    private static func checkTime(_ text: String, _ field: String, file: String) throws {
        guard TimeRangeParser.rfc3339(text) == nil else { return }
        let shown = text.count <= 40 ? text : String(text.prefix(40)) + "…"
        throw InputError(file: file, location: field, reason: "is “\(shown)”; expected an RFC 3339 time in the years 1970–9999")
    }

    private static func checkCount(_ count: Int, _ field: String, file: String) throws {
        guard count < 0 else { return }
        throw InputError(file: file, location: field, reason: "is \(count); a count cannot be negative")
    }
}
