import MemoryModel

/// Reads a count profile in the runtime's `debug=1` text form, above all the goroutine
/// profile (`/debug/pprof/goroutine?debug=1`, runtime/pprof's `printCountProfile`);
/// `threadcreate` has the same form:
///
///     goroutine profile: total 19
///     5 @ 0x4375f6 0x40619b 0x405cd8 0x4b78f3 0x462b41
///     #	0x4b78f2	main.blockOnChanReceive+0x32	goroutinedebug1/main.go:40
///
///     2 @ 0x4375f6 0x40619b 0x405cd8 0x4b78f3 0x4b7dbd 0x4b72c3 0x4b7d45 0x462b41
///     # labels: {"role":"worker", "tenant":"acme"}
///     #	0x4b78f2	main.blockOnChanReceive+0x32	goroutinedebug1/main.go:40
///
/// One sample per record, with sample type and period type `NAME/count` (for example
/// `goroutine/count`), period 1, as pprof's `parseGoCount` makes them. Stacks come from
/// `LegacyStackAssembler`. The `# labels:` line (which pprof ignores) becomes the
/// sample's string labels. A line starting with `---` ends the records, as in pprof.
///
/// Failure modes: a malformed header, record, labels or frame line, a frame or labels
/// line outside a record, counts beyond 64 bits, and counts whose sum differs from the
/// header's total (Go's total is exactly that sum, so a difference means the file was
/// cut at a line break).
enum LegacyCountTextReader {
    /// Whether `line` is a `NAME profile: total N` header (pprof's `countStartRE`).
    static func isHeader(_ line: TextLine) -> Bool {
        guard let space = line.firstIndex(of: TextLine.space, in: line.whole), space > line.start else { return false }
        return line.matches(" profile: total ", at: space)
    }

    static func read(headerLine: TextLine, lines: inout TextLines) throws -> Profile {
        var header = headerLine
        guard let space = header.firstIndex(of: TextLine.space, in: header.whole) else {
            throw header.failure("expected “NAME profile: total N”, found \(header.excerpt)")
        }
        let name = header.string(header.start..<space)
        header.position = space
        guard header.consume(" profile: total ") else {
            throw header.failure("expected “NAME profile: total N”, found \(header.excerpt)")
        }
        let total = try header.readDecimal("the profile's total")
        header.skipSpaces()
        guard header.atEnd else { throw header.failure("unexpected text after the total in \(header.excerpt)") }

        let type = ValueType(type: name, unit: "count")
        var builder = ProfileBuilder(sampleTypes: [type])
        var assembler = LegacyStackAssembler()
        var addresses: [UInt64] = []
        var count: Int64 = 0
        var labels: [ProfileLabel] = []
        var sum: Int64 = 0
        var lastLine = headerLine.number

        func finishRecord() {
            guard assembler.isOpen else { return }
            let stack = assembler.finish(into: &builder)
            builder.addSample(stack: stack, values: [count], labels: labels)
        }

        while var line = lines.next() {
            lastLine = line.number
            line.skipSpaces()
            if line.atEnd {
                finishRecord()
                continue
            }
            if line.peek() == UInt8(ascii: "#") {
                if LegacyFrameLine.isFrameLine(line) {
                    guard assembler.isOpen else { throw line.failure("a frame line that follows no record line") }
                    try assembler.add(LegacyFrameLine.parse(line), lineNumber: line.number, to: &builder)
                } else if line.consume("# labels:") {
                    guard assembler.isOpen else { throw line.failure("a labels line that follows no record line") }
                    labels = try readLabels(&line)
                }
                continue
            }
            if line.hasPrefix("---") { break }
            finishRecord()
            guard let first = line.peek(), first >= 0x30, first <= 0x39 else {
                throw line.failure("expected a record “N @ 0x…” or a frame line “#\t0x…”, found \(line.excerpt)")
            }
            count = try line.readDecimal("the record's count")
            line.skipSpaces()
            try line.expect(UInt8(ascii: "@"), "“@” before the record's addresses")
            try line.readAddressList(into: &addresses)
            let (newSum, overflow) = sum.addingReportingOverflow(count)
            guard !overflow else { throw line.failure("the records' counts add up beyond 64 bits") }
            sum = newSum
            labels = []
            assembler.begin(pcs: addresses)
        }
        finishRecord()

        guard sum == total else {
            throw LegacyTextSyntaxError(
                line: lastLine,
                reason: "the records count \(sum) but the header says total \(total); the file looks truncated")
        }
        builder.update { profile in
            profile.periodType = type
            profile.period = 1
        }
        return builder.profile
    }

    /// `{"key":"value", "key2":"value2"}`, as runtime/pprof's `labelMap.String` writes it.
    private static func readLabels(_ line: inout TextLine) throws -> [ProfileLabel] {
        line.skipSpaces()
        try line.expect(UInt8(ascii: "{"), "“{” to open the labels")
        var labels: [ProfileLabel] = []
        line.skipSpaces()
        if line.consume(UInt8(ascii: "}")) { return labels }
        repeat {
            line.skipSpaces()
            let key = try GoQuotedString.read(&line)
            try line.expect(UInt8(ascii: ":"), "“:” after a label key")
            let value = try GoQuotedString.read(&line)
            labels.append(ProfileLabel(key: key, string: value))
            line.skipSpaces()
        } while line.consume(UInt8(ascii: ","))
        try line.expect(UInt8(ascii: "}"), "“,” or “}” after a label")
        line.skipSpaces()
        guard line.atEnd else { throw line.failure("unexpected text after the labels in \(line.excerpt)") }
        return labels
    }
}
