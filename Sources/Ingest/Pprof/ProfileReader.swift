import MemoryModel

/// Reads any Go profile file: gzipped or plain `profile.proto` (told apart by the gzip
/// magic bytes), the runtime's legacy text forms (`debug=1` heap and goroutine
/// profiles, `debug=2` goroutine dumps, panic output), told apart by their first line,
/// or the legacy binary CPU profile (before Go 1.9), told apart by its header words.
public enum ProfileReader {
    /// The default cap on a profile's decompressed size: 256 MiB (`InputLimits`).
    public static let defaultMaximumBytes = InputLimits.defaultMaximumProfileBytes

    /// Decodes `bytes`, read from `file` (used in errors). Throws `InputError`, also for a
    /// profile that decompresses to more than `maximumBytes` or, in text form, has a line
    /// longer than `maximumLineBytes`.
    public static func read(_ bytes: [UInt8], file: String, maximumBytes: Int = defaultMaximumBytes,
                            maximumLineBytes: Int = InputLimits.defaultMaximumLineBytes) throws -> Profile {
        try decodeAny(plain(bytes, file: file, maximumBytes: maximumBytes), file: file, maximumLineBytes: maximumLineBytes)
    }

    /// The uncompressed bytes of a profile file; throws for an empty one.
    static func plain(_ bytes: [UInt8], file: String, maximumBytes: Int) throws -> [UInt8] {
        guard !bytes.isEmpty else { throw InputError(file: file, reason: "the file is empty; expected a pprof profile") }
        return try decompressed(bytes, file: file, maximumBytes: maximumBytes)
    }

    /// Decodes uncompressed bytes of either form.
    static func decodeAny(_ plain: [UInt8], file: String, maximumLineBytes: Int) throws -> Profile {
        var plain = plain
        return try decodeAny(releasing: &plain, file: file, maximumLineBytes: maximumLineBytes)
    }

    /// Decodes uncompressed bytes of either form, emptying a profile.proto's `plain` as
    /// soon as decoding no longer needs it (see `ProfileDecoder.decode(releasing:file:)`).
    static func decodeAny(releasing plain: inout [UInt8], file: String, maximumLineBytes: Int) throws -> Profile {
        if looksLikeText(plain) {
            try InputLimits(maximumLineBytes: maximumLineBytes).checkLineLengths(plain, file: file)
            return try LegacyProfileText.read(plain, file: file)
        }
        if LegacyCPUProfileReader.recognizes(plain) { return try LegacyCPUProfileReader.read(plain, file: file) }
        return try ProfileDecoder.decode(releasing: &plain, file: file)
    }

    /// Whether the bytes are text: the first line is one of the text forms' headers
    /// (`heap profile: …`, `goroutine profile: total N`, `goroutine 1 [running]:`), or
    /// the first 4 KiB are UTF-8 lines with no control byte but tab and CR (a panic or
    /// crash log, whose dump follows other output). A profile.proto can start with a printable
    /// byte too (0x5A is field 11), but never with a whole printable line, and its first
    /// field's tag and length bytes (sample_type: 0x0A, then 0x08 and 0x10 inside) are
    /// control bytes.
    static func looksLikeText(_ bytes: [UInt8]) -> Bool {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x0A || bytes[start] == 0x0D || bytes[start] == 0x09 {
            start += 1
        }
        var line: [UInt8] = []
        for byte in bytes[start...].prefix(256) {
            if byte == 0x0A { break }
            if byte < 0x20 && byte != 0x09 && byte != 0x0D { return false }
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self)
        if text.hasPrefix("goroutine ") || text.hasPrefix("heap profile:") || text.hasPrefix("heapprofile")
            || text.contains(" profile: total ") {
            return true
        }
        let prefix = bytes[start...].prefix(4096)
        guard prefix.contains(0x0A), !prefix.contains(where: { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F }) else {
            return false
        }
        // Valid UTF-8, allowing a character cut by the 4 KiB boundary.
        return (0...3).contains { String(validating: prefix.dropLast($0), as: UTF8.self) != nil }
    }

    /// The bytes with any gzip wrapper removed, capped at `maximumBytes`.
    public static func decompressed(_ bytes: [UInt8], file: String, maximumBytes: Int = defaultMaximumBytes) throws -> [UInt8] {
        if GzipInflater.isGzip(bytes) {
            return try GzipInflater.inflate(bytes, file: file, limit: maximumBytes)
        }
        guard bytes.count <= maximumBytes else {
            throw InputError(file: file, reason: "is larger than \(InputLimits.describe(bytes: maximumBytes))", exceeded: .profileBytes)
        }
        return bytes
    }

    /// Decodes uncompressed profile bytes.
    public static func decode(_ bytes: [UInt8], file: String) throws -> Profile {
        try ProfileDecoder.decode(bytes, file: file)
    }

    /// Reads the profile at `path`; a file larger than `maximumBytes` is refused unread.
    /// The file's compressed bytes are released before decoding starts: for a large
    /// profile they would otherwise stay beside the decoded samples until the end.
    public static func load(path: String, maximumBytes: Int = defaultMaximumBytes,
                            maximumLineBytes: Int = InputLimits.defaultMaximumLineBytes) throws -> Profile {
        // The uncompressed bytes are held here only, so decoding can release them early.
        var uncompressed = try plain(readBytes(path, maximumBytes: maximumBytes), file: path, maximumBytes: maximumBytes)
        return try decodeAny(releasing: &uncompressed, file: path, maximumLineBytes: maximumLineBytes)
    }

    /// A profile file's bytes: no profile is larger on disk than the limit on its
    /// decompressed size allows (deflate never makes data much larger).
    static func readBytes(_ path: String, maximumBytes: Int) throws -> [UInt8] {
        try InputFile.bytes(path, maximumBytes: maximumBytes, exceeded: .profileBytes)
    }
}
