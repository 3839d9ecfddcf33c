#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes of the input, by pointer and length, usable as a dictionary key without
/// copying them into a `String`.
///
/// The goroutine dump repeats the same few function names, files and wait states
/// tens of thousands of times; looking them up by their bytes lets the reader make
/// each `String` once. A span points into the buffer being read, so it must not
/// outlive `withUnsafeBufferPointer`: readers keep spans in local dictionaries only.
struct ByteSpan: Hashable {
    let bytes: UnsafeRawBufferPointer

    /// The bytes of `range` in `line`, clamped to the line.
    init(_ line: TextLine, _ range: Range<Int>) {
        let lower = max(range.lowerBound, line.start)
        let upper = max(lower, min(range.upperBound, line.end))
        bytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(line.bytes)[lower..<upper])
    }

    static func == (left: ByteSpan, right: ByteSpan) -> Bool {
        guard left.bytes.count == right.bytes.count else { return false }
        guard let leftStart = left.bytes.baseAddress, let rightStart = right.bytes.baseAddress else { return true }
        return leftStart == rightStart || memcmp(leftStart, rightStart, left.bytes.count) == 0
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(bytes: bytes)
    }
}
