import MemoryModel

/// Reads any Go profile file: gzipped or plain `profile.proto` (told apart by the gzip
/// magic bytes), or the runtime's legacy text forms (`debug=1` heap and goroutine
/// profiles, `debug=2` goroutine dumps), told apart by their first byte.
public enum ProfileReader {
    /// The default cap on a profile's decompressed size: 2 GiB.
    public static let defaultMaximumBytes = 2 << 30

    /// Decodes `bytes`, read from `file` (used in errors). Throws `InputError`.
    public static func read(_ bytes: [UInt8], file: String, maximumBytes: Int = defaultMaximumBytes) throws -> Profile {
        guard !bytes.isEmpty else { throw InputError(file: file, reason: "the file is empty; expected a pprof profile") }
        let plain = try decompressed(bytes, file: file, maximumBytes: maximumBytes)
        if looksLikeText(plain) { return try LegacyProfileText.read(plain, file: file) }
        return try decode(plain, file: file)
    }

    /// Text forms start with a letter (`heap profile:`, `goroutine …`) after optional
    /// white space or a byte order mark; a Go profile.proto starts with a field key
    /// (0x0A for its first sample type).
    static func looksLikeText(_ bytes: [UInt8]) -> Bool {
        for byte in bytes.prefix(64) {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF: continue
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): return true
            default: return false
            }
        }
        return false
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
    public static func load(path: String, maximumBytes: Int = defaultMaximumBytes) throws -> Profile {
        try read(RecordingFolder.readBytes(path), file: path, maximumBytes: maximumBytes)
    }
}
