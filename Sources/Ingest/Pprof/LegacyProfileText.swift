import MemoryModel

/// Reads the Go runtime's legacy text profiles into a `Profile`, recognising the form
/// by its first line:
///
/// | first line | form | reader |
/// |---|---|---|
/// | `heap profile: A: B [C: D] @ heap/N` | heap, `?debug=1` | `LegacyHeapTextReader` |
/// | `goroutine profile: total N` | goroutine (any count profile), `?debug=1` | `LegacyCountTextReader` |
/// | `goroutine 1 [running]:` | goroutine dump, `?debug=2` | `GoroutineDumpReader` |
/// | anything, then a line ending in a goroutine header | panic or crash log | `GoroutineDumpReader` (`crashLog`) |
///
/// Blank lines before the first line are skipped, and so is a UTF-8 byte order mark.
///
/// Failure modes, each one `InputError(file:location:reason:)` with the location
/// `line N` and a one-line reason: an empty file; a first line that is none of the
/// above (binary garbage included); a file that does not end with a line break (Go
/// ends every form with one, so this is a truncated download); a file over
/// `maximumSize`; values of one sample type whose magnitudes add up beyond
/// `ProfileValueBound.limit` (location `sample N`); and the form's own failures, listed
/// on each reader. Nothing in the input can trap: every read is bounds-checked and every
/// number overflow-checked.
public enum LegacyProfileText {
    /// The largest file read: 1 GiB. It keeps every index, stack offset and count in
    /// the model's `Int32` fields; the runtime itself caps goroutine dumps at 64 MB.
    public static let maximumSize = 1 << 30

    /// Parses `bytes`; `file` only names the file in errors.
    public static func read(_ bytes: [UInt8], file: String) throws -> Profile {
        guard bytes.count <= maximumSize else {
            throw InputError(file: file, reason: "the file is \(bytes.count) bytes; text profiles over \(maximumSize) bytes are not read")
        }
        let profile: Profile
        do {
            profile = try bytes.withUnsafeBufferPointer { buffer in
                try read(buffer)
            }
        } catch let error as LegacyTextSyntaxError {
            throw InputError(file: file, location: "line \(error.line)", reason: error.reason)
        }
        // After scaling: a heap profile's sampled figures grow by the sampling rate.
        if let excess = ProfileValueBound.firstExcess(values: profile.values, typeCount: profile.sampleTypes.count) {
            throw InputError(file: file, location: "sample \(excess.sample + 1)",
                             reason: ProfileValueBound.reason(typeName: profile.sampleTypes[excess.type].type))
        }
        return profile
    }

    private static func read(_ buffer: UnsafeBufferPointer<UInt8>) throws -> Profile {
        let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
        let start = buffer.starts(with: byteOrderMark) ? 3 : 0
        var lines = TextLines(buffer, from: start)
        var first: TextLine?
        while let line = lines.next() {
            if !line.isBlank {
                first = line
                break
            }
        }
        guard let first else {
            throw LegacyTextSyntaxError(
                line: 1, reason: "the file is empty; expected a Go heap or goroutine profile in text form (debug=1 or debug=2)")
        }

        var header = first
        header.skipSpaces()
        let isHeap = header.hasPrefix("heap profile:")
        let isCount = !isHeap && LegacyCountTextReader.isHeader(first)
        let isDump = GoroutineDumpReader.isHeader(first)
        // A panic or crash log: the dump follows the panic message, `fatal error: …`,
        // `[signal …]` or whatever the program printed before.
        var crashDumpStart: TextLine?
        if !(isHeap || isCount || isDump) {
            var scan = lines
            var line: TextLine? = first
            while let candidate = line {
                if let header = GoroutineDumpReader.header(within: candidate) {
                    crashDumpStart = header
                    lines = scan
                    break
                }
                line = scan.next()
            }
        }
        guard isHeap || isCount || isDump || crashDumpStart != nil else {
            if header.hasPrefix("--- mutex:") || header.hasPrefix("--- contention:") {
                throw first.failure("a Go mutex or block profile in text form (debug=1), which gomemreport does not read; "
                    + "fetch it without ?debug=1 (profile.proto)")
            }
            if header.hasPrefix("--- ") {
                throw first.failure("a legacy C++ or Java profile (\(first.excerpt)); gomemreport reads Go profiles")
            }
            throw first.failure(
                "not a Go heap or goroutine profile in text form: expected “heap profile: …”, “goroutine profile: total N” or “goroutine N [state]:”, found \(first.excerpt)")
        }
        if let crashDumpStart {
            // A log copied from a terminal often loses its last line break; the end of
            // a crash is no download to check for truncation.
            return try GoroutineDumpReader.read(firstLine: crashDumpStart, lines: &lines, crashLog: true)
        }
        // Checked after recognising the form, so garbage is called garbage rather than
        // a truncated profile. A last line ending in CR alone (an editor's) is whole.
        if let last = buffer.last, last != UInt8(ascii: "\n"), last != UInt8(ascii: "\r") {
            var count = TextLines(buffer)
            while count.next() != nil {}
            throw LegacyTextSyntaxError(
                line: count.lineNumber, reason: "the last line has no line break; the file looks truncated")
        }

        if isHeap { return try LegacyHeapTextReader.read(headerLine: first, lines: &lines) }
        if isCount { return try LegacyCountTextReader.read(headerLine: first, lines: &lines) }
        return try GoroutineDumpReader.read(firstLine: first, lines: &lines)
    }
}
