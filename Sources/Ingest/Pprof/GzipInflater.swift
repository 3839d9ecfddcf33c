import CZlib
import MemoryModel

/// Gunzips a buffer through zlib, the only file that imports CZlib.
///
/// The output is capped: a gzip bomb (1 KB that expands to 10 GB) fails with an
/// `InputError` as soon as the cap is passed, without allocating past it. Concatenated
/// gzip members are inflated one after another, as `gzip -d` does.
enum GzipInflater {
    /// Whether `bytes` start with the gzip magic number.
    static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// Inflates `bytes`; throws `InputError` naming `file` with the compressed byte
    /// offset where zlib failed, or when the output would exceed `limit` bytes.
    static func inflate(_ bytes: [UInt8], file: String, limit: Int) throws -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, max(bytes.count * 4, 4096)))
        var chunk = [UInt8](repeating: 0, count: 256 * 1024)
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
                let status: Int32 = chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                if output.count + produced > limit {
                    throw InputError(file: file, reason: "decompresses to more than \(limit) bytes; raise the limit with --max-profile-bytes if this profile is genuine")
                }
                output.append(contentsOf: chunk[0..<produced])
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
            }
        }
        return output
    }
}
