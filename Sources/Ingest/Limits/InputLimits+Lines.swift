#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MemoryModel

extension InputLimits {
    /// Throws an `InputError` naming `file` and the line when a line of `bytes` is
    /// longer than `maximumLineBytes`. One `memchr` pass (gigabytes a second), so a
    /// 100 MB line is refused before a reader builds anything from it.
    public func checkLineLengths(_ bytes: [UInt8], file: String) throws {
        let limit = maximumLineBytes
        guard bytes.count > limit else { return }
        let longLine: (number: Int, offset: Int)? = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            var start = 0, number = 1
            while start < buffer.count {
                let rest = buffer.count - start
                guard let found = memchr(base + start, 0x0A, min(rest, limit + 1)) else {
                    // No break within limit + 1 bytes: the line is too long, unless the
                    // file ends first.
                    return rest > limit ? (number, start) : nil
                }
                start = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base + 1
                number += 1
            }
            return nil
        }
        if let longLine {
            throw InputError(file: file, location: "line \(longLine.number)",
                             reason: "a line longer than \(Self.describe(bytes: limit)) (from byte \(longLine.offset))", exceeded: .lineBytes)
        }
    }

    /// `1 MiB`, `256 MiB`, `1 GiB`, or a byte count when it is no whole number of those.
    public static func describe(bytes: Int) -> String {
        for (unit, size) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes >= size && bytes % size == 0 {
            return "\(bytes / size) \(unit)"
        }
        return "\(bytes) bytes"
    }
}
