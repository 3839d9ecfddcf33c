import MemoryModel

/// Reads a full goroutine dump: `/debug/pprof/goroutine?debug=2`, which is
/// `runtime.Stack(buf, true)`, the same text as a crash's traceback:
///
///     goroutine 269 [chan receive (nil chan), 5 minutes]:
///     main.BarHandler.func1()
///     	/tmp/gobuild/main.go:70 +0xf8
///     created by main.BarHandler
///     	/tmp/gobuild/main.go:55 +0xb8
///
///     goroutine 1 [IO wait]:
///     …
///
/// One sample per goroutine, value 1, sample type and period type `goroutine/count`,
/// period 1; the stack is leaf first. `Profile.goroutines[i]` describes sample `i`: id,
/// state (wait reason), minutes waited, `(scan)`, `locked to thread`, and the
/// `created by` function and its `file:line`. Each frame is a location with address 0
/// and one line, interned by function, file and line (a dump has no addresses that
/// would tell call sites on one line apart; the `+0x…` offsets are relative to
/// functions and are dropped).
///
/// The header is `goroutine ID [STATE[ (leaked)][ (scan)][, N minutes][, locked to
/// thread][, synctest bubble N]][ {labels}]:` (runtime `goroutineheader`, Go 1.27; the
/// `(leaked)` mark is Go 1.26+'s proof that the goroutine can never run again); its
/// suffixes are taken off from the end, so a wait reason is kept whole whatever it
/// contains. Also understood:
/// `...additional frames elided...` (stacks over 100 frames), inlined frames printed
/// as `f(...)` without an offset, `created by f in goroutine N` (Go 1.21), the
/// `goroutine running on other thread; stack unavailable` of crash dumps (an empty
/// stack), and `[originating from goroutine N]:` ancestor stacks
/// (GODEBUG=tracebackancestors), which are skipped.
///
/// Failure modes: a block that does not start with a goroutine header, a malformed
/// header, a function line that is not `name(args)`, a function or `created by` line
/// without its tab-indented `file:line`, such a file line without a function, ids or
/// minutes beyond 64 bits, and a last goroutine with no frames (the file was cut at a
/// line break).
///
/// Speed: the 5 MB, 30 000-goroutine dumps of a leaking service must read in a few
/// tens of milliseconds, so lines are scanned as bytes and names, files, states and
/// whole frames are looked up by their bytes (`ByteSpan`); each distinct one becomes
/// a `String` once.
enum GoroutineDumpReader {
    /// Whether `line` starts a goroutine block: `goroutine ` and a digit.
    static func isHeader(_ line: TextLine) -> Bool {
        line.matches("goroutine ", at: line.start)
            && line.byte(at: line.start + 10).map { $0 >= 0x30 && $0 <= 0x39 } == true
    }

    private struct FrameKey: Hashable {
        var function: ByteSpan
        var location: ByteSpan
    }

    private enum Expecting {
        /// Between blocks: a header or blank lines.
        case header
        /// In a block: a function, `created by`, the elision note, ancestors or the end.
        case frame
        /// After a function line (`name` is the function's bytes in it): its file line.
        case fileLine(functionLine: TextLine, name: Range<Int>)
        /// After `created by`: its file line.
        case creatorFileLine(line: Int)
        /// After the creator's file line: the end, or ancestors.
        case afterCreator
        /// Inside `[originating from goroutine N]:`: skipped up to the blank line.
        case ancestors
        /// In a crash log, outside any goroutine (registers, `runtime stack:`, the
        /// shell's `exit status 2`): skipped up to a blank line or the next header.
        case skipping
    }

    /// The goroutine header in `line`, at its start or after other text on it (a log
    /// line, or `runtime.Stack` output printed without a line break before it), when
    /// the line ends with `]:` or `}:` as headers do; nil otherwise.
    static func header(within line: TextLine) -> TextLine? {
        let body = line.trimmed(line.whole)
        guard line.matches("]:", at: body.upperBound - 2) || line.matches("}:", at: body.upperBound - 2) else { return nil }
        var from = line.start
        while let index = line.firstIndex(of: "goroutine ", from: from) {
            let candidate = TextLine(bytes: line.bytes, start: index, end: line.end, number: line.number)
            if isHeader(candidate) { return candidate }
            from = index + 1
        }
        return nil
    }

    /// Reads the dump from `firstLine`, a goroutine header. With `crashLog` (a panic or
    /// crash log, whose dump `LegacyProfileText` found after other output), lines
    /// outside goroutines are skipped instead of refused: register dumps (`rax 0x…`,
    /// `PC=…`) and `runtime stack:` system stacks, which end a block, and whatever the
    /// program or shell printed between and after (`exit status 2`).
    static func read(firstLine: TextLine, lines: inout TextLines, crashLog: Bool = false) throws -> Profile {
        let type = ValueType(type: "goroutine", unit: "count")
        var reader = State(builder: ProfileBuilder(sampleTypes: [type]))
        reader.crashLog = crashLog
        try reader.take(firstLine)
        while let line = lines.next() {
            try reader.take(line)
        }
        try reader.finish(lastLine: lines.lineNumber)
        var builder = reader.builder
        let goroutines = reader.records
        builder.update { profile in
            profile.periodType = type
            profile.period = 1
            profile.goroutines = goroutines
        }
        return builder.profile
    }

    private struct State {
        var builder: ProfileBuilder
        var records: [GoroutineRecord] = []
        var expecting = Expecting.header
        var current = GoroutineRecord(id: 0, state: "")
        var stack: [Int32] = []
        var stackUnavailable = false
        var frames: [FrameKey: Int32] = [:]
        var strings: [ByteSpan: String] = [:]
        /// The line of the current block's header.
        var lastHeader = 0
        /// Lines outside goroutines are skipped (`read(firstLine:lines:crashLog:)`).
        var crashLog = false
        static let one: [Int64] = [1]

        init(builder: ProfileBuilder) {
            self.builder = builder
        }

        mutating func take(_ line: TextLine) throws {
            switch expecting {
            case .fileLine(let functionLine, let name):
                guard line.byte(at: line.start) == TextLine.tab else {
                    throw line.failure("expected the tab-indented “file:line” of the function on the line before, found \(line.excerpt)")
                }
                try addFrame(functionLine: functionLine, name: name, fileLine: line)
                expecting = .frame
                return
            case .creatorFileLine:
                guard line.byte(at: line.start) == TextLine.tab else {
                    throw line.failure("expected the tab-indented “file:line” of “created by”, found \(line.excerpt)")
                }
                let location = try Self.location(of: line)
                current.createdAt = string(line, location.whole)
                expecting = .afterCreator
                return
            default:
                break
            }

            if line.isBlank {
                switch expecting {
                case .header: return
                case .skipping: expecting = .header
                default: endBlock()
                }
                return
            }
            if case .ancestors = expecting { return }
            if isHeader(line) {
                switch expecting {
                case .header, .skipping: break
                default: endBlock()
                }
                try startBlock(line)
                return
            }
            switch expecting {
            case .header, .skipping:
                guard crashLog else {
                    throw line.failure("expected a goroutine header “goroutine N [state]:”, found \(line.excerpt)")
                }
                expecting = .skipping
            case .afterCreator:
                guard line.matches("[originating from goroutine ", at: line.start) else {
                    guard crashLog else { throw line.failure("expected a blank line after “created by”, found \(line.excerpt)") }
                    endBlock()
                    expecting = .skipping
                    return
                }
                expecting = .ancestors
            default:
                if crashLog, !stack.isEmpty || stackUnavailable, !Self.isFrameLine(line) {
                    // Registers after the frames of the goroutine that faulted, or
                    // other output: the goroutine is complete.
                    endBlock()
                    expecting = .skipping
                    return
                }
                try takeInBlock(line)
            }
        }

        /// A line inside a block, after the header or a frame.
        private mutating func takeInBlock(_ line: TextLine) throws {
            let first = line.byte(at: line.start)
            if first == TextLine.tab {
                var text = line
                text.skipSpaces()
                guard text.hasPrefix("goroutine running on other thread") else {
                    throw line.failure("a “file:line” line that follows no function line")
                }
                stackUnavailable = true
                return
            }
            if line.matches("created by ", at: line.start) {
                var nameEnd = line.end
                if let inGoroutine = line.firstIndex(of: " in goroutine ", from: line.start + 11) { nameEnd = inGoroutine }
                let name = line.trimmed(line.start + 11..<nameEnd)
                guard !name.isEmpty else { throw line.failure("“created by” names no function") }
                current.createdBy = string(line, name)
                expecting = .creatorFileLine(line: line.number)
                return
            }
            // `...additional frames elided...` (before Go 1.21), `...N frames elided...` after.
            if line.matches("...", at: line.start), line.hasSuffix("elided...") { return }
            if line.matches("[originating from goroutine ", at: line.start) {
                expecting = .ancestors
                return
            }
            // A function line: `name(args)`. Go's arguments hold no parentheses (hex
            // words, `{`, `}`, `...`, `?`), so the last `(` opens them even when the
            // name has some, as in `net/http.(*conn).serve(0xc0031cb680, {…})`.
            let body = line.trimmed(line.whole)
            guard line.byte(at: body.upperBound - 1) == UInt8(ascii: ")"),
                  let open = line.lastIndex(of: UInt8(ascii: "("), in: body), open > body.lowerBound
            else {
                throw line.failure("expected a function call line “package.Function(…)”, found \(line.excerpt)")
            }
            expecting = .fileLine(functionLine: line, name: body.lowerBound..<open)
        }

        private mutating func addFrame(functionLine: TextLine, name function: Range<Int>, fileLine: TextLine) throws {
            let location = try Self.location(of: fileLine)
            let key = FrameKey(function: ByteSpan(functionLine, function), location: ByteSpan(fileLine, location.whole))
            if let index = frames[key] {
                stack.append(index)
                return
            }
            let name = functionLine.string(function)
            let filename = string(fileLine, location.file)
            let functionIndex = builder.function(name: name, filename: filename)
            let index = builder.location(address: 0, lines: [ProfileLocation.Line(function: functionIndex, line: location.line)])
            frames[key] = index
            stack.append(index)
        }

        private mutating func startBlock(_ line: TextLine) throws {
            current = try Self.header(line, strings: &strings)
            stack.removeAll(keepingCapacity: true)
            stackUnavailable = false
            expecting = .frame
            lastHeader = line.number
        }

        private mutating func endBlock() {
            builder.addSample(stack: stack, values: Self.one)
            records.append(current)
            stack.removeAll(keepingCapacity: true)
            expecting = .header
        }

        mutating func finish(lastLine: Int) throws {
            switch expecting {
            case .header, .skipping:
                guard !records.isEmpty else {
                    throw LegacyTextSyntaxError(line: max(lastLine, 1), reason: "the dump holds no goroutine")
                }
            case .fileLine(let functionLine, _):
                throw LegacyTextSyntaxError(line: functionLine.number, reason: "the dump ends before this line's “file:line”; it looks truncated")
            case .creatorFileLine(let line):
                throw LegacyTextSyntaxError(line: line, reason: "the dump ends before this line's “file:line”; it looks truncated")
            case .frame:
                guard !stack.isEmpty || stackUnavailable else {
                    throw LegacyTextSyntaxError(
                        line: lastHeader, reason: "the dump ends after goroutine \(current.id)'s header, before its frames; it looks truncated")
                }
                endBlock()
            case .afterCreator, .ancestors:
                endBlock()
            }
        }

        /// The `String` for these bytes, made once per distinct value.
        private mutating func string(_ line: TextLine, _ range: Range<Int>) -> String {
            let key = ByteSpan(line, range)
            if let known = strings[key] { return known }
            let made = line.string(range)
            strings[key] = made
            return made
        }

        /// Whether `line` can continue a goroutine's stack: a function line `name(…)`, its
        /// tab-indented file line, `created by`, an elision note or an ancestor stack.
        private static func isFrameLine(_ line: TextLine) -> Bool {
            if line.byte(at: line.start) == TextLine.tab || line.matches("created by ", at: line.start)
                || line.matches("...", at: line.start) || line.matches("[originating from goroutine ", at: line.start) {
                return true
            }
            let body = line.trimmed(line.whole)
            return line.byte(at: body.upperBound - 1) == UInt8(ascii: ")") && line.firstIndex(of: UInt8(ascii: "("), in: body) != nil
                && line.firstIndex(of: TextLine.space, in: body.lowerBound..<(line.firstIndex(of: UInt8(ascii: "("), in: body) ?? body.lowerBound)) == nil
        }

        /// `goroutine ID [STATE[ (leaked)][ (scan)][, N minutes][, locked to thread][, synctest bubble N]][ {labels}]:`
        private static func header(_ text: TextLine, strings: inout [ByteSpan: String]) throws -> GoroutineRecord {
            var line = text
            line.position = line.start + 10
            let id = try line.readDecimal("the goroutine id")
            // Skip anything between the id and "[" (later Go versions can print
            // `gp=… m=…` there).
            guard let open = line.firstIndex(of: UInt8(ascii: "["), in: line.rest) else {
                throw line.failure("expected “[state]:” after the goroutine id in \(line.excerpt)")
            }
            let body = line.trimmed(line.whole)
            var close = body.upperBound - 2
            if line.matches("}:", at: body.upperBound - 2) {
                // Go 1.27's GODEBUG=tracebacklabels=1 prints pprof labels after the
                // state: `[select] {"k": "v"}:`. They are skipped.
                var index = open + 1
                while index + 2 < body.upperBound, !(line.matches("] {", at: index)) { index += 1 }
                close = index
            }
            guard close > open, line.matches("] {", at: close) || (close == body.upperBound - 2 && line.matches("]:", at: close)) else {
                throw line.failure("expected the goroutine header to end with “]:”, found \(line.excerpt)")
            }
            var stateEnd = close
            var record = GoroutineRecord(id: id, state: "")
            if let bubble = line.lastIndex(of: UInt8(ascii: ","), in: open + 1..<stateEnd),
               line.matches(", synctest bubble ", at: bubble) {
                stateEnd = bubble
            }
            if line.matches(", locked to thread", at: stateEnd - 18) {
                record.isLockedToThread = true
                stateEnd -= 18
            }
            if line.matches(" minutes", at: stateEnd - 8),
               let comma = line.lastIndex(of: UInt8(ascii: ","), in: open + 1..<max(open + 1, stateEnd - 8)),
               line.byte(at: comma + 1) == TextLine.space {
                var minutes = line
                minutes.position = comma + 2
                let value = try minutes.readDecimal("the minutes waited")
                if minutes.position == stateEnd - 8 {
                    guard let fits = Int(exactly: value) else { throw line.failure("the minutes waited are too large") }
                    record.waitMinutes = fits
                    stateEnd = comma
                }
            }
            if line.matches(" (scan)", at: stateEnd - 7) {
                record.isScanning = true
                stateEnd -= 7
            }
            if line.matches(" (leaked)", at: stateEnd - 9) {
                record.isLeaked = true
                stateEnd -= 9
            }
            guard stateEnd > open + 1 else { throw line.failure("the goroutine header has no state: \(line.excerpt)") }
            let key = ByteSpan(line, open + 1..<stateEnd)
            if let known = strings[key] {
                record.state = known
            } else {
                let made = line.string(open + 1..<stateEnd)
                strings[key] = made
                record.state = made
            }
            return record
        }

        /// The `file:line` of a tab-indented file line (`\t/x/main.go:70 +0xf8`): the
        /// whole span, the file and the number. The last `:` is the one before the
        /// number, since what may follow it (`+0x…`, ` fp=… sp=… pc=…`) has none.
        private static func location(of text: TextLine) throws -> (whole: Range<Int>, file: Range<Int>, line: Int64) {
            var line = text
            line.skipSpaces()
            let fileStart = line.position
            guard let colon = line.lastIndex(of: UInt8(ascii: ":"), in: line.rest), colon > fileStart else {
                throw line.failure("expected “file:line” in \(line.excerpt)")
            }
            line.position = colon + 1
            let number = try line.readDecimal("the line number")
            guard line.atEnd || line.peek() == TextLine.space else {
                throw line.failure("expected “file:line” in \(line.excerpt)")
            }
            return (fileStart..<line.position, fileStart..<colon, number)
        }
    }
}
