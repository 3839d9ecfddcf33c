import MemoryModel

/// Turns one `debug=1` record, its PCs (`@ 0x… 0x…`) and its `#` frame lines, into
/// locations of a `ProfileBuilder`, leaf first.
///
/// Addresses follow pprof's legacy parser: every PC of the record is a return
/// address, so the location's address is the PC minus one, landing on the call.
/// The frame lines supply the function, file and line of those locations. They do not
/// cover every PC: `printStackRecord` hides runtime frames at the top of the stack
/// (`runtime.mallocgc`, `runtime.gopark`, …) and `runtime.goexit`, and skips PCs it
/// cannot resolve. Such PCs become locations with an address and no lines, just as
/// pprof shows them without a binary to symbolize with.
///
/// A frame belongs to the next PC (in stack order) that it names, as `pc` or `pc − 1`
/// (the runtime does not subtract one at a function's entry). Several frames for one
/// PC (the runtime once expanded inlined calls that way, cgo symbolizers still do)
/// become one location with several lines, innermost first. A frame that names none of
/// the record's PCs means the file does not hang together, and is an error.
struct LegacyStackAssembler {
    private var pcs: [UInt64] = []
    private var lines: [[ProfileLocation.Line]] = []
    private var nextPC = 0
    private var lastMatched = -1
    private(set) var isOpen = false
    private var stack: [Int32] = []

    /// Starts a record with these PCs, leaf first.
    mutating func begin(pcs newPCs: [UInt64]) {
        pcs = newPCs
        lines.removeAll(keepingCapacity: true)
        lines.append(contentsOf: repeatElement([], count: pcs.count))
        nextPC = 0
        lastMatched = -1
        isOpen = true
    }

    /// Attaches a `#` frame line to the record's PCs.
    /// - Throws: when the frame's PC is not one of the record's.
    mutating func add(_ frame: LegacyFrameLine, lineNumber: Int, to builder: inout ProfileBuilder) throws {
        var match = -1
        var index = nextPC
        while index < pcs.count {
            if pcs[index] == frame.pc || pcs[index] &- 1 == frame.pc {
                match = index
                break
            }
            index += 1
        }
        if match < 0, lastMatched >= 0, pcs[lastMatched] == frame.pc || pcs[lastMatched] &- 1 == frame.pc {
            match = lastMatched
        }
        guard match >= 0 else {
            throw LegacyTextSyntaxError(
                line: lineNumber,
                reason: "the frame at 0x\(String(frame.pc, radix: 16)) is not one of its record's addresses (after the ones already matched)")
        }
        lastMatched = match
        nextPC = match + 1
        guard let name = frame.function else { return }
        let function = builder.function(name: name, filename: frame.filename)
        lines[match].append(ProfileLocation.Line(function: function, line: frame.line))
    }

    /// Ends the record: interns its locations and returns the stack, leaf first.
    mutating func finish(into builder: inout ProfileBuilder) -> [Int32] {
        isOpen = false
        stack.removeAll(keepingCapacity: true)
        for index in 0..<pcs.count {
            // pprof's legacy parser: "Adjust all frames by -1 to land on top of the call
            // instruction." Wrapping, as Go's uint64 arithmetic does, so 0x0 cannot trap.
            stack.append(builder.location(address: pcs[index] &- 1, lines: lines[index]))
        }
        return stack
    }
}
