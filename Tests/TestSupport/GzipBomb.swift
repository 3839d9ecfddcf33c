/// A gzip file of nothing but zero bytes, written directly rather than compressed (which
/// for 10 GiB would take a minute): one deflate block with its own Huffman codes, in
/// which a match of 258 bytes at distance 1 costs two bits. That is deflate's ceiling,
/// 1,032:1, so 10 GiB take 10.4 MB; no ~1 KB gzip file can expand beyond ~1 MB, and
/// concatenated members do no better (each is its own deflate stream). The file is
/// valid to the end: `gzip -t` accepts it (CRC-32 and size included).
public enum GzipBomb {
    /// A gzip member that expands to `1 + 258 × k` zero bytes, the smallest such size of
    /// at least `expandedBytes`.
    public static func make(expandedBytes: UInt64) -> [UInt8] {
        let matches = expandedBytes <= 1 ? 0 : (expandedBytes - 1 + 257) / 258
        let size = 1 + 258 * matches
        var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3]
        out.reserveCapacity(Int(matches / 4) + 64)
        var bits = BitWriter()
        bits.write(1, count: 1)   // BFINAL
        bits.write(2, count: 2)   // BTYPE: dynamic Huffman codes
        bits.write(29, count: 5)  // HLIT: 286 literal/length codes
        bits.write(0, count: 5)   // HDIST: 1 distance code
        bits.write(14, count: 4)  // HCLEN: 18 code length codes
        // Code length code lengths in RFC 1951's order 16, 17, 18, 0, 8, 7, 9, 6, 10, 5,
        // 11, 4, 12, 3, 13, 2, 14, 1: symbol 18 (a run of zeros) 1 bit, 1 and 2 two bits.
        for length in [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2] { bits.write(UInt32(length), count: 3) }
        // Canonical codes: 18 → 0, 1 → 10, 2 → 11 (Huffman codes go most significant bit first).
        // The lengths: literal 0 → 2, 1–255 → 0, end of block (256) → 2, 257–284 → 0,
        // length 258 (285) → 1; distance code 0 (distance 1) → 1.
        bits.writeCode(0b11, length: 2)                                   // 2
        bits.writeCode(0, length: 1); bits.write(138 - 11, count: 7)      // 138 zeros
        bits.writeCode(0, length: 1); bits.write(117 - 11, count: 7)      // 117 zeros
        bits.writeCode(0b11, length: 2)                                   // 2
        bits.writeCode(0, length: 1); bits.write(28 - 11, count: 7)       // 28 zeros
        bits.writeCode(0b10, length: 2)                                   // 1
        bits.writeCode(0b10, length: 2)                                   // 1
        // Literal/length codes: 285 → 0, literal 0 → 10, end of block → 11; distance 0 → 0.
        bits.writeCode(0b10, length: 2)                                   // one zero byte
        // Each match is two zero bits: the rest of the block is 2 × matches zero bits,
        // written as whole zero bytes once the bits are aligned.
        var zeroBits = 2 * matches
        let align = min(zeroBits, UInt64((8 - bits.pending) % 8))
        bits.write(0, count: Int(align))
        zeroBits -= align
        out += bits.flush()
        out += [UInt8](repeating: 0, count: Int(zeroBits / 8))
        bits.write(0, count: Int(zeroBits % 8))
        bits.writeCode(0b11, length: 2)                                   // end of block
        out += bits.flush(padding: true)
        let crc = CRC32OfZeros.checksum(count: size)
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: crc >> UInt32(shift))) }
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: size >> UInt64(shift))) }
        return out
    }

    /// The size `make(expandedBytes:)` expands to.
    public static func expandedSize(_ expandedBytes: UInt64) -> UInt64 {
        expandedBytes <= 1 ? 1 : 1 + 258 * ((expandedBytes - 1 + 257) / 258)
    }

    /// Deflate's bit order: fields least significant bit first, bytes filled from bit 0.
    private struct BitWriter {
        var buffer: UInt64 = 0
        var pending = 0
        var bytes: [UInt8] = []

        mutating func write(_ value: UInt32, count: Int) {
            buffer |= UInt64(value) << UInt64(pending)
            pending += count
            while pending >= 8 {
                bytes.append(UInt8(truncatingIfNeeded: buffer))
                buffer >>= 8
                pending -= 8
            }
        }

        /// A Huffman code, most significant bit first.
        mutating func writeCode(_ code: UInt32, length: Int) {
            for bit in stride(from: length - 1, through: 0, by: -1) { write((code >> UInt32(bit)) & 1, count: 1) }
        }

        /// The whole bytes so far; with `padding`, the last partial one too.
        mutating func flush(padding: Bool = false) -> [UInt8] {
            if padding && pending > 0 { write(0, count: 8 - pending) }
            defer { bytes = [] }
            return bytes
        }
    }
}
