import MemoryModel

/// Reads any Go profile file: gzipped or plain `profile.proto` (told apart by the gzip
/// magic bytes), or the runtime's legacy text forms.
public enum ProfileReader {
    /// The default cap on a profile's decompressed size: 2 GiB.
    public static let defaultMaximumBytes = 2 << 30

    /// Decodes `bytes`, read from `file` (used in errors). Throws `InputError`.
    public static func read(_ bytes: [UInt8], file: String, maximumBytes: Int = defaultMaximumBytes) throws -> Profile {
        guard !bytes.isEmpty else { throw InputError(file: file, reason: "the file is empty; expected a pprof profile") }
        return try decode(decompressed(bytes, file: file, maximumBytes: maximumBytes), file: file)
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
