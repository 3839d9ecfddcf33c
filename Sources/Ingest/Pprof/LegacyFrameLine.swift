/// A `#` frame line of the runtime's `debug=1` text forms (heap and count profiles),
/// as runtime/pprof's `printStackRecord` writes it through a tabwriter that pads with
/// tabs:
///
///     #	0x8452f7	main.FooHandler+0xb7			/tmp/gobuild/main.go:45
///     #	0x4b1234
///
/// The second form is a PC the runtime could not name. The PC is the one
/// `runtime.Frame` reports: the return address minus one (the call instruction),
/// or the address itself when it is a function's entry.
///
/// Cells are split on tabs, not spaces, because generic shape names such as
/// `go.shape.struct { X int }` contain spaces; Go never puts a tab in a name.
struct LegacyFrameLine {
    var pc: UInt64
    /// nil when the runtime printed the PC alone.
    var function: String?
    var filename: String
    var line: Int64

    /// The line is `#`, white space, then `0x`: a frame, as opposed to `# labels: …`,
    /// `# runtime.MemStats` and the trailer's `# Name = value` lines.
    static func isFrameLine(_ line: TextLine) -> Bool {
        guard line.byte(at: line.start) == UInt8(ascii: "#") else { return false }
        var index = line.start + 1
        while let byte = line.byte(at: index), byte == TextLine.tab || byte == TextLine.space { index += 1 }
        return index > line.start + 1 && line.matches("0x", at: index)
    }

    /// Parses a line for which `isFrameLine` holds.
    /// - Throws: `LegacyTextSyntaxError` for a bad address, a function without its
    ///   `file:line` cell, or a line number that is missing or too large.
    static func parse(_ text: TextLine) throws -> LegacyFrameLine {
        var line = text
        line.position = line.start
        guard line.consume(UInt8(ascii: "#")) else { throw line.failure("expected a frame line “#\t0x…” in \(line.excerpt)") }
        line.skipSpaces()
        let pc = try line.readHexAddress()
        line.skipSpaces()
        if line.atEnd { return LegacyFrameLine(pc: pc, function: nil, filename: "", line: 0) }

        // The function cell ends at the next tab; the offset after its last "+0x" is
        // the PC's distance from the function's entry, which the PC already says.
        guard let tab = line.firstIndex(of: TextLine.tab, in: line.rest) else {
            throw line.failure("the frame has a function but no “file:line” after a tab: \(line.excerpt)")
        }
        var nameEnd = tab
        var index = tab
        while index > line.position + 2 {
            index -= 1
            if line.matches("+0x", at: index) {
                nameEnd = index
                break
            }
        }
        guard nameEnd > line.position else { throw line.failure("the frame's function name is empty: \(line.excerpt)") }
        let function = line.string(line.position..<nameEnd)

        let location = line.trimmed(tab..<line.end)
        guard let colon = line.lastIndex(of: UInt8(ascii: ":"), in: location) else {
            throw line.failure("expected “file:line” at the end of the frame: \(line.excerpt)")
        }
        line.position = colon + 1
        let number = try line.readDecimal("the frame's line number")
        guard line.position == location.upperBound else {
            throw line.failure("expected “file:line” at the end of the frame: \(line.excerpt)")
        }
        return LegacyFrameLine(pc: pc, function: function, filename: line.string(location.lowerBound..<colon), line: number)
    }
}
