import CZlib
import MemoryModel

/// Gunzips a buffer through zlib, the only file that imports CZlib.
///
/// The output is capped: a gzip bomb (10 MB of zeros that expand to 10 GB; deflate
/// cannot pack more than about 1,032 bytes into one, so 1 KB reaches 1 MB at most) fails
/// with an `InputError` as soon as the cap is passed, having touched no more memory than
/// the cap. Concatenated gzip members are inflated one after another, as `gzip -d` does.
enum GzipInflater {
    /// Whether `bytes` start with the gzip magic number.
    static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// Inflates `bytes`; throws `InputError` naming `file` with the compressed byte
    /// offset where zlib failed, or when the output would exceed `limit` bytes.
    static func inflate(_ bytes: [UInt8], file: String, limit: Int) throws -> [UInt8] {
        // Uninitialised: pages that zlib never writes cost no memory.
        var output = uninitializedBytes(initialCapacity(bytes, limit: limit))
        var written = 0
        var stream = z_stream()
        // 15 + 16: a gzip wrapper, the largest window.
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw InputError(file: file, reason: "cannot start zlib")
        }
        defer { inflateEnd(&stream) }

        try bytes.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = UInt32(input.count)
            while true {
                if written == output.count {
                    guard output.count <= limit else { break }
                    let grown = min(max(output.count * 2, 1 << 16), limit + 1)
                    let old = output
                    output = uninitializedBytes(grown)
                    output.withUnsafeMutableBufferPointer { new in
                        old.withUnsafeBufferPointer { kept in
                            new.baseAddress!.update(from: kept.baseAddress!, count: written)
                        }
                    }
                }
                let room = min(output.count - written, Int(UInt32.max))
                let status: Int32 = output.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress! + written
                    stream.avail_out = UInt32(room)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = room - Int(stream.avail_out)
                written += produced
                let consumed = input.count - Int(stream.avail_in)
                switch status {
                case Z_OK:
                    if stream.avail_in == 0 && produced == 0 {
                        throw InputError(file: file, location: "byte \(consumed)", reason: "truncated gzip stream")
                    }
                case Z_STREAM_END:
                    // Another member may follow; trailing zero padding is allowed.
                    let rest = input[consumed...]
                    if rest.isEmpty || rest.allSatisfy({ $0 == 0 }) { return }
                    guard inflateReset(&stream) == Z_OK else {
                        throw InputError(file: file, location: "byte \(consumed)", reason: "corrupt gzip stream")
                    }
                case Z_BUF_ERROR:
                    if stream.avail_in == 0 {
                        throw InputError(file: file, location: "byte \(consumed)", reason: "truncated gzip stream")
                    }
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                    throw InputError(file: file, location: "byte \(consumed)", reason: "corrupt gzip stream: \(message)")
                }
                if written > limit { break }
            }
        }
        guard written <= limit else {
            throw InputError(file: file, reason: "decompresses to more than \(InputLimits.describe(bytes: limit))", exceeded: .profileBytes)
        }
        output.removeSubrange(written...)
        return output
    }

    /// The most bytes deflate can make of one: a 258-byte match costs at least two bits.
    static let maximumRatio = 1_032

    /// The output buffer's first size, at most `limit` + 1. The trailer's ISIZE (size
    /// mod 2^32) sizes it right the first time, so zlib writes straight into it; it is
    /// only a hint (it wraps, members add up, a hostile file lies), so it is bounded by
    /// what deflate can expand the input to. In a file cut short those four bytes are
    /// compressed data: fuzzing found a 2,000-byte cut profile claiming 2.6 GB.
    static func initialCapacity(_ bytes: [UInt8], limit: Int) -> Int {
        var hint = bytes.count * 4
        if bytes.count >= 18 {
            let n = bytes.count
            hint = Int(bytes[n - 4]) | Int(bytes[n - 3]) << 8 | Int(bytes[n - 2]) << 16 | Int(bytes[n - 1]) << 24
        }
        hint = min(hint, bytes.count.multipliedReportingOverflow(by: maximumRatio).overflow ? Int.max : bytes.count * maximumRatio)
        return max(1, min(hint, limit) + 1)
    }

    /// `count` bytes that are never read before they are written.
    private static func uninitializedBytes(_ count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }
}
