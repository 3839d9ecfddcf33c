#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits bytes into lines without copying them, counting line numbers from 1.
///
/// A line ends at `\n`; a `\r` before it is dropped so files that went through a
/// Windows editor still read. The final line may lack its `\n` (the readers treat that
/// as truncation, see `LegacyProfileText`). `memchr` finds the breaks because the
/// 5 MB goroutine dumps have 180 000 lines and a byte loop would dominate reading them.
struct TextLines {
    let bytes: UnsafeBufferPointer<UInt8>
    private var offset: Int
    /// The number of the line `next()` returned last; 0 before the first call.
    private(set) var lineNumber = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>, from offset: Int = 0) {
        self.bytes = bytes
        self.offset = min(max(offset, 0), bytes.count)
    }

    /// The next line, or nil after the last one.
    mutating func next() -> TextLine? {
        guard offset < bytes.count, let base = bytes.baseAddress else { return nil }
        let start = offset
        var end: Int
        if let found = memchr(base + start, 0x0A, bytes.count - start) {
            end = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
            offset = end + 1
        } else {
            end = bytes.count
            offset = bytes.count
        }
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        lineNumber += 1
        return TextLine(bytes: bytes, start: start, end: end, number: lineNumber)
    }
}
