/// Decodes the Go string literals of a `# labels: {"key":"value", …}` line, which
/// runtime/pprof writes with `%q` (`strconv.Quote`): `\"`, `\\`, `\n`, `\t`, `\a`,
/// `\b`, `\f`, `\r`, `\v`, `\xNN`, `\uNNNN`, `\UNNNNNNNN` and octal `\NNN`.
///
/// `\x` and octal escapes are bytes, which `%q` uses for invalid UTF-8; the decoded
/// bytes are read as UTF-8 with U+FFFD for what does not decode, since labels are only
/// shown. A code point that is not a Unicode scalar is an error, as it is for Go.
enum GoQuotedString {
    /// Reads one quoted string starting at `line.position` (which must be `"`), and
    /// leaves the position after its closing quote.
    /// - Throws: for a missing quote, an unknown or short escape, or a bad code point.
    static func read(_ line: inout TextLine) throws -> String {
        try line.expect(UInt8(ascii: "\""), "a quoted label string")
        var decoded: [UInt8] = []
        while true {
            guard let byte = line.peek() else {
                throw line.failure("a label string is not closed with “\"”")
            }
            line.position += 1
            if byte == UInt8(ascii: "\"") { break }
            guard byte == UInt8(ascii: "\\") else {
                decoded.append(byte)
                continue
            }
            guard let escape = line.peek() else { throw line.failure("a label string ends inside an escape") }
            line.position += 1
            switch escape {
            case UInt8(ascii: "a"): decoded.append(0x07)
            case UInt8(ascii: "b"): decoded.append(0x08)
            case UInt8(ascii: "f"): decoded.append(0x0C)
            case UInt8(ascii: "n"): decoded.append(0x0A)
            case UInt8(ascii: "r"): decoded.append(0x0D)
            case UInt8(ascii: "t"): decoded.append(0x09)
            case UInt8(ascii: "v"): decoded.append(0x0B)
            case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"): decoded.append(escape)
            case UInt8(ascii: "x"):
                decoded.append(UInt8(try digits(&line, count: 2, radix: 16)))
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                line.position -= 1
                let value = try digits(&line, count: 3, radix: 8)
                guard value <= 0xFF else { throw line.failure("the octal escape \\\(String(value, radix: 8)) is above 377") }
                decoded.append(UInt8(value))
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                let value = try digits(&line, count: escape == UInt8(ascii: "u") ? 4 : 8, radix: 16)
                guard let scalar = Unicode.Scalar(value) else {
                    throw line.failure("the escape \\\(Character(Unicode.Scalar(escape)))\(String(value, radix: 16)) is not a Unicode scalar")
                }
                decoded.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                throw line.failure("unknown escape “\\\(Character(Unicode.Scalar(escape)))” in a label string")
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    private static func digits(_ line: inout TextLine, count: Int, radix: UInt32) throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<count {
            guard let byte = line.peek(), let digit = Character(Unicode.Scalar(byte)).hexDigitValue, digit < radix else {
                throw line.failure("a short escape in a label string: \(line.excerpt)")
            }
            value = value * radix + UInt32(digit)
            line.position += 1
        }
        return value
    }
}
