/// Reads the `# runtime.MemStats` trailer that runtime/pprof appends to a heap
/// `debug=1` profile (pprof ignores it; it is the only place such a file gives the
/// runtime's own totals):
///
///     # runtime.MemStats
///     # Alloc = 77310504
///     # Stack = 491520 / 491520
///     # PauseNs = [51826 63915 …]
///     # GCCPUFraction = 0.0002412566968226682
///     # DebugGC = false
///     # MaxRSS = 115036160
///
/// Integer fields are kept under their `runtime.MemStats` names. The three pairs are
/// split into the fields they print: `Stack` → `StackInuse`, `StackSys`; `MSpan` →
/// `MSpanInuse`, `MSpanSys`; `MCache` → `MCacheInuse`, `MCacheSys`. The arrays
/// (`PauseNs`, `PauseEnd`), the fraction `GCCPUFraction` and the flag `DebugGC` are
/// skipped: the model holds integers, and nothing downstream needs them.
///
/// Failure modes: a line that is not `# Name = value`, a value that is not a number
/// (for the fields kept), a number beyond `Int64.max` (MemStats fields are
/// `uint64`), and a trailer without `DebugGC`, the last field every Go version
/// writes (the file was cut at a line break).
enum MemStatsTrailer {
    private static let pairs: [String: (String, String)] = [
        "Stack": ("StackInuse", "StackSys"),
        "MSpan": ("MSpanInuse", "MSpanSys"),
        "MCache": ("MCacheInuse", "MCacheSys"),
    ]

    /// Fields that are not one integer, skipped by name: their shape varies (a
    /// fraction prints as `0` or `1e-05`) and nothing downstream reads them.
    private static let skipped: Set<String> = ["PauseNs", "PauseEnd", "GCCPUFraction", "DebugGC"]

    /// Reads the lines after `# runtime.MemStats` up to the end of the file.
    static func read(_ lines: inout TextLines, headerLine: Int) throws -> [String: Int64] {
        var fields: [String: Int64] = [:]
        var sawDebugGC = false
        var lastLine = headerLine
        while var line = lines.next() {
            lastLine = line.number
            if line.isBlank { continue }
            guard line.consume(UInt8(ascii: "#")), line.skipSpaces() else {
                throw line.failure("expected “# Name = value” in the runtime.MemStats trailer, found \(line.excerpt)")
            }
            let nameStart = line.position
            while let byte = line.peek(), isNameByte(byte) { line.position += 1 }
            let name = line.string(nameStart..<line.position)
            line.skipSpaces()
            guard !name.isEmpty, line.consume(UInt8(ascii: "=")) else {
                throw line.failure("expected “# Name = value” in the runtime.MemStats trailer, found \(line.excerpt)")
            }
            line.skipSpaces()
            if name == "DebugGC" { sawDebugGC = true }
            if skipped.contains(name) { continue }
            let value = try line.readDecimal(name)
            line.skipSpaces()
            if line.atEnd {
                fields[name] = value
                continue
            }
            guard let pair = pairs[name], line.consume(UInt8(ascii: "/")) else {
                throw line.failure("unexpected text after \(name)'s value: \(line.excerpt)")
            }
            line.skipSpaces()
            let second = try line.readDecimal(name)
            line.skipSpaces()
            guard line.atEnd else { throw line.failure("unexpected text after \(name)'s values: \(line.excerpt)") }
            fields[pair.0] = value
            fields[pair.1] = second
        }
        guard sawDebugGC else {
            throw LegacyTextSyntaxError(
                line: lastLine, reason: "the runtime.MemStats trailer ends before DebugGC; the file looks truncated")
        }
        return fields
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F
    }
}
