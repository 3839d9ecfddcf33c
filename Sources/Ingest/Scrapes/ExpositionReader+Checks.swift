import MemoryModel

extension ExpositionReader {
    /// Fails for a scrape that is empty or does not end with a line break. The text
    /// format ends every line with one, so a file without it was cut short, and its last
    /// value may be cut too (`1234` read as `12`): better refused than believed.
    static func checkComplete(_ bytes: [UInt8], file: String) throws {
        guard let last = bytes.last else {
            throw InputError(file: file, reason: "the file is empty; expected a /metrics scrape (Prometheus text or OpenMetrics)")
        }
        guard last == 0x0A else {
            let line = bytes.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            throw InputError(file: file, location: "line \(line)", reason: "the last line has no line break; the file looks truncated")
        }
    }

    /// Fails at the first sample of a byte count (a name ending in `_bytes`) that is NaN
    /// or ±Inf: no memory figure can be, and the file is the unit a reader skips or
    /// rejects, so it is named here rather than the folder later.
    static func checkByteCountsAreFinite(_ lines: [Line], file: String) throws {
        for (index, line) in lines.enumerated() {
            guard let sample = line.sample, !sample.value.isFinite, sample.name.hasSuffix("_bytes") else { continue }
            let shown = sample.value.isNaN ? "NaN" : sample.value > 0 ? "+Inf" : "-Inf"
            throw InputError(file: file, location: "line \(index + 1)",
                             reason: "\(sample.name) is \(shown); a byte count must be a finite number")
        }
    }

    /// At most 40 characters of `text`, for quoting input in an error.
    static func excerpt<Text: StringProtocol>(_ text: Text) -> String {
        text.count <= 40 ? String(text) : text.prefix(40) + "…"
    }
}
