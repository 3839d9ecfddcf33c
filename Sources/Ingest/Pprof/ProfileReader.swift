import MemoryModel

/// Reads any Go profile file: gzipped or plain `profile.proto` (told apart by the gzip
/// magic bytes), or the runtime's legacy text forms (`debug=1` heap and goroutine
/// profiles, `debug=2` goroutine dumps), told apart by their first byte.
public enum ProfileReader {
    /// The default cap on a profile's decompressed size: 2 GiB.
    public static let defaultMaximumBytes = 2 << 30

    /// Decodes `bytes`, read from `file` (used in errors). Throws `InputError`.
    public static func read(_ bytes: [UInt8], file: String, maximumBytes: Int = defaultMaximumBytes) throws -> Profile {
        try decodeAny(plain(bytes, file: file, maximumBytes: maximumBytes), file: file)
    }

    /// The uncompressed bytes of a profile file; throws for an empty one.
    static func plain(_ bytes: [UInt8], file: String, maximumBytes: Int) throws -> [UInt8] {
        guard !bytes.isEmpty else { throw InputError(file: file, reason: "the file is empty; expected a pprof profile") }
        return try decompressed(bytes, file: file, maximumBytes: maximumBytes)
    }

    /// Decodes uncompressed bytes of either form.
    static func decodeAny(_ plain: [UInt8], file: String) throws -> Profile {
        if looksLikeText(plain) { return try LegacyProfileText.read(plain, file: file) }
        return try decode(plain, file: file)
    }

    /// Whether the first line is one of the text forms' headers (`heap profile: …`,
    /// `goroutine profile: total N`, `goroutine 1 [running]:`). A profile.proto can start
    /// with a printable byte too (0x5A is field 11), but never with a whole printable line.
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
        return text.hasPrefix("goroutine ") || text.hasPrefix("heap profile:") || text.hasPrefix("heapprofile")
            || text.contains(" profile: total ")
    }

    /// The bytes with any gzip wrapper removed, capped at `maximumBytes`.
    public static func decompressed(_ bytes: [UInt8], file: String, maximumBytes: Int = defaultMaximumBytes) throws -> [UInt8] {
        if GzipInflater.isGzip(bytes) {
            return try GzipInflater.inflate(bytes, file: file, limit: maximumBytes)
        }
        guard bytes.count <= maximumBytes else {
            throw InputError(file: file, reason: "is larger than \(maximumBytes) bytes; raise the limit with --max-profile-bytes if this profile is genuine")
        }
        return bytes
    }

    /// Decodes uncompressed profile bytes.
    public static func decode(_ bytes: [UInt8], file: String) throws -> Profile {
        try ProfileDecoder.decode(bytes, file: file)
    }

    /// Reads the profile at `path`.
    /// The file's compressed bytes are released before decoding starts: for a large
    /// profile they would otherwise stay beside the decoded samples until the end.
    public static func load(path: String, maximumBytes: Int = defaultMaximumBytes) throws -> Profile {
        let uncompressed = try plain(RecordingFolder.readBytes(path), file: path, maximumBytes: maximumBytes)
        return try decodeAny(uncompressed, file: path)
    }
}
