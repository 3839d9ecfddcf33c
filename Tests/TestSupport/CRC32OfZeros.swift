/// The CRC-32 (gzip's, reflected polynomial 0xEDB88320) of `count` zero bytes, in
/// O(log count) steps as zlib's `crc32_combine` does: each zero byte multiplies the
/// register by x^8 modulo the polynomial, so `count` of them multiply it by x^(8·count).
enum CRC32OfZeros {
    private static let polynomial: UInt32 = 0xEDB8_8320

    static func checksum(count: UInt64) -> UInt32 {
        multiplyModP(xToThe8TimesModP(count), 0xFFFF_FFFF) ^ 0xFFFF_FFFF
    }

    /// a(x)·b(x) mod p(x), bits reflected (x^0 is the top bit).
    private static func multiplyModP(_ a: UInt32, _ b: UInt32) -> UInt32 {
        var product: UInt32 = 0, b = b
        var mask: UInt32 = 1 << 31
        while mask != 0 {
            if a & mask != 0 { product ^= b }
            b = b & 1 != 0 ? (b >> 1) ^ polynomial : b >> 1
            mask >>= 1
        }
        return product
    }

    /// x^(8·n) mod p(x), by squaring.
    private static func xToThe8TimesModP(_ n: UInt64) -> UInt32 {
        var result: UInt32 = 1 << 31          // 1
        var power: UInt32 = 1 << 23           // x^8
        var n = n
        while n != 0 {
            if n & 1 != 0 { result = multiplyModP(power, result) }
            power = multiplyModP(power, power)
            n >>= 1
        }
        return result
    }
}
