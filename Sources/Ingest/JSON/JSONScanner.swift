import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pull scanner over JSON bytes (RFC 8259), for readers that know the shape they
/// expect and want to turn millions of numbers into `[Double]` without building a tree.
///
/// Every read is bounds-checked; malformed input throws `JSONSyntaxError` with the
/// byte offset, never traps. Nesting deeper than `maximumDepth` is rejected so hostile
/// input cannot exhaust the stack.
struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var offset: Int = 0
    static let maximumDepth = 256
    /// Also rejects what RFC 8259 forbids but this scanner otherwise lets pass, as
    /// Foundation's JSONSerialization does: numbers with a leading zero, and numbers
    /// beyond a Double's range (which it cannot represent).
    var strict = false
    /// The longest string `readString` makes, in bytes: a 100 MB label value is refused
    /// before it becomes a String (and a dictionary key).
    var maximumStringBytes = Int.max

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    // MARK: Structure

    /// Skips white space and returns the next byte without consuming it, or nil at the end.
    @inline(__always)
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return offset < bytes.count ? bytes[offset] : nil
    }

    mutating func expect(_ byte: UInt8) throws {
        guard peek() == byte else {
            throw error("expected '\(Character(UnicodeScalar(byte)))'")
        }
        offset += 1
    }

    /// Consumes `byte` if it comes next.
    @inline(__always)
    mutating func consume(_ byte: UInt8) -> Bool {
        if peek() == byte {
            offset += 1
            return true
        }
        return false
    }

    /// Calls `body` once per member of an object, with the member's key; `body` must
    /// read or skip the value.
    mutating func forEachMember(_ body: (inout JSONScanner, String) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        if consume(UInt8(ascii: "}")) { return }
        repeat {
            let key = try readString()
            try expect(UInt8(ascii: ":"))
            try body(&self, key)
        } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"))
    }

    /// Calls `body` once per element of an array, with the element's index.
    mutating func forEachElement(_ body: (inout JSONScanner, Int) throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        if consume(UInt8(ascii: "]")) { return }
        var index = 0
        repeat {
            try body(&self, index)
            index += 1
        } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"))
    }

    /// Fails unless only white space is left.
    mutating func expectEnd() throws {
        if peek() != nil { throw error("unexpected data after the JSON value") }
    }

    // MARK: Scalars

    /// Reads a JSON string, decoding escapes (including surrogate pairs).
    mutating func readString() throws -> String {
        try expect(UInt8(ascii: "\""))
        let start = offset
        // Fast path: no escapes.
        if try skipUnescaped() {
            guard offset - 1 - start <= maximumStringBytes else { throw tooLong(start) }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(offset - 1)]), as: UTF8.self)
        }
        guard offset - start <= maximumStringBytes else { throw tooLong(start) }
        var out: [UInt8] = Array(bytes[start..<offset])
        while offset < bytes.count {
            guard out.count <= maximumStringBytes else { throw tooLong(start) }
            let byte = bytes[offset]
            offset += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try readEscape(into: &out)
            case 0..<0x20:
                offset -= 1
                throw error("control character in a string")
            default:
                out.append(byte)
            }
        }
        throw error("unterminated string")
    }

    private func tooLong(_ start: Int) -> JSONSyntaxError {
        JSONSyntaxError(offset: start - 1, message: "a string longer than \(InputLimits.describe(bytes: maximumStringBytes))", exceeded: .lineBytes)
    }

    private mutating func readEscape(into out: inout [UInt8]) throws {
        guard offset < bytes.count else { throw error("unterminated escape") }
        let byte = bytes[offset]
        offset += 1
        switch byte {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try readHex4()
            if (0xD800..<0xDC00).contains(scalar) {
                // A high surrogate must be followed by \u and a low surrogate.
                guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") else {
                    throw error("lone surrogate in \\u escape")
                }
                offset += 2
                let low = try readHex4()
                guard (0xDC00..<0xE000).contains(low) else { throw error("lone surrogate in \\u escape") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw error("lone surrogate in \\u escape")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
            out.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            offset -= 1
            throw error("invalid escape")
        }
    }

    private mutating func readHex4() throws -> UInt32 {
        guard offset + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("invalid hex digit in \\u escape")
            }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }

    /// Reads a JSON number.
    mutating func readNumber() throws -> Double {
        Self.parseDouble(UnsafeBufferPointer(rebasing: bytes[try scanNumber()]))
    }

    /// Moves past a JSON number, checking its syntax, and returns where it lies.
    private mutating func scanNumber() throws -> Range<Int> {
        _ = peek()
        let start = offset
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        let integerStart = offset
        guard skipDigits() > 0 else { throw error("expected a number") }
        if strict && bytes[integerStart] == UInt8(ascii: "0") && offset - integerStart > 1 {
            throw error("number with a leading zero")
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            guard skipDigits() > 0 else { throw error("expected digits after '.'") }
        }
        var hasExponent = false
        if offset < bytes.count, bytes[offset] | 0x20 == UInt8(ascii: "e") {
            hasExponent = true
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { offset += 1 }
            guard skipDigits() > 0 else { throw error("expected digits in the exponent") }
        }
        // Out of a Double's range: only an exponent or some 300 digits get there.
        if strict && (hasExponent || offset - start > 300)
            && !Self.parseDouble(UnsafeBufferPointer(rebasing: bytes[start..<offset])).isFinite {
            throw error("number out of range")
        }
        return start..<offset
    }

    /// Reads a whole number written plainly (`-?[1-9][0-9]*` or `0`) that fits in 63 bits,
    /// as a Double; nil, with the scanner past whatever number is there, otherwise.
    mutating func readPlainInteger() throws -> Double? {
        let range = try scanNumber()
        var index = range.lowerBound
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        guard range.upperBound - index <= 19, bytes[index] != UInt8(ascii: "0") || range.upperBound - index == 1 else { return nil }
        var value: Int64 = 0
        while index < range.upperBound {
            let digit = bytes[index] &- 0x30
            guard digit < 10 else { return nil }
            // Nineteen digits may pass Int64.max (nanosecond times do not).
            let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowAdding) = times10.addingReportingOverflow(Int64(digit))
            guard !overflow && !overflowAdding else { return nil }
            value = next
            index += 1
        }
        return Double(negative ? -value : value)
    }

    /// Reads a string holding a number the way Prometheus writes sample values:
    /// a decimal or exponent form, `NaN`, `+Inf`, `-Inf` or `Inf`. Returns nil (with the
    /// scanner past the string) when the string holds anything else.
    mutating func readNumericString() throws -> Double? {
        try expect(UInt8(ascii: "\""))
        let start = offset
        while offset < bytes.count, bytes[offset] != UInt8(ascii: "\"") {
            if bytes[offset] == UInt8(ascii: "\\") || bytes[offset] < 0x20 {
                offset = start - 1
                _ = try readString()
                return nil
            }
            offset += 1
        }
        guard offset < bytes.count else { throw error("unterminated string") }
        let text = UnsafeBufferPointer(rebasing: bytes[start..<offset])
        offset += 1
        // Only the special values start with a letter or a signed letter; checking the
        // bytes spares a String per sample (millions in a long window).
        if let first = text.first, first == UInt8(ascii: "N") || first == UInt8(ascii: "I")
            || (text.count > 1 && (first == UInt8(ascii: "+") || first == UInt8(ascii: "-")) && text[1] == UInt8(ascii: "I")) {
            switch String(decoding: text, as: UTF8.self) {
            case "NaN": return .nan
            case "+Inf", "Inf": return .infinity
            case "-Inf": return -.infinity
            default: return nil
            }
        }
        // Prometheus formats with strconv.FormatFloat('f'/'e'): digits, sign, '.', 'e'.
        var sawDigit = false
        for byte in text {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): continue
            default: return nil
            }
        }
        guard sawDigit, text.count < 64 else { return nil }
        return Self.parseDouble(text)
    }

    /// A query_range sample as Prometheus writes it, `[1795851163.588,"123456"]`: no white
    /// space, an unsigned plain decimal time and a string holding an unsigned plain decimal,
    /// each of at most 15 digits. Parsed in one pass, with the same result as
    /// `readNumber` and `readNumericString` give; anything else returns nil with the
    /// scanner unmoved, for the caller to read the general way (which reports errors).
    @inline(__always)
    mutating func readPlainSample() -> (time: Double, value: Double)? {
        var index = offset
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return nil }
        index += 1
        guard let time = plainDecimal(&index),
              index + 1 < bytes.count, bytes[index] == UInt8(ascii: ","), bytes[index + 1] == UInt8(ascii: "\"") else { return nil }
        index += 2
        guard let value = plainDecimal(&index),
              index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\""), bytes[index + 1] == UInt8(ascii: "]") else { return nil }
        offset = index + 2
        return (time, value)
    }

    /// Digits, optionally a '.' and more digits, at most 15 digits in all, from `index`
    /// (moved past them); computed as `parseDouble` computes such a number.
    @inline(__always)
    private func plainDecimal(_ index: inout Int) -> Double? {
        var mantissa: UInt64 = 0
        var position = index
        let whole = readDigits(&position, into: &mantissa)
        guard whole > 0 else { return nil }
        var fraction = 0
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            fraction = readDigits(&position, into: &mantissa)
            guard fraction > 0 else { return nil }
        }
        // More digits could overflow (wrapped below) or lose exactness: the general path.
        guard whole + fraction <= 15 else { return nil }
        index = position
        return fraction > 0 ? Double(mantissa) / Self.powerOfTen(fraction) : Double(mantissa)
    }

    /// Reads the ASCII digits from `position` (moved past them) onto `mantissa` and
    /// returns how many there were, stopping soon after 15. Eight bytes at a time where
    /// eight are left: a week of samples has about 20 million digits.
    @inline(__always)
    private func readDigits(_ position: inout Int, into mantissa: inout UInt64) -> Int {
        let start = position
        if let base = bytes.baseAddress {
            while position + 8 <= bytes.count && position - start <= 15 {
                let (digits, run) = Self.digitRun(base, at: position)
                guard run > 0 else { break }
                // The run's digits moved to the low end of eight, behind leading zeros.
                mantissa = mantissa &* UInt64(Self.powerOfTen(run)) &+ Self.eightDigitsValue(digits << (64 - 8 * run))
                position += run
                if run < 8 { return position - start }
            }
        }
        while position < bytes.count && position - start <= 15 {
            let digit = bytes[position] &- 0x30
            guard digit < 10 else { break }
            mantissa = mantissa &* 10 &+ UInt64(digit)
            position += 1
        }
        return position - start
    }

    /// The number eight digit values (0...9, the first in the lowest byte) spell.
    @inline(__always)
    private static func eightDigitsValue(_ digits: UInt64) -> UInt64 {
        let pairs = digits &* 10 &+ (digits >> 8)
        let mask: UInt64 = 0x0000_00FF_0000_00FF
        return (((pairs & mask) &* (100 + (1_000_000 << 32))) &+ (((pairs >> 16) & mask) &* (1 + (10_000 << 32)))) >> 32
    }

    /// 10^exponent for 0...15, exact; a switch rather than a static table, which would
    /// cost a lazy-initialisation check on every use.
    @inline(__always)
    private static func powerOfTen(_ exponent: Int) -> Double {
        switch exponent {
        case 0: return 1
        case 1: return 1e1
        case 2: return 1e2
        case 3: return 1e3
        case 4: return 1e4
        case 5: return 1e5
        case 6: return 1e6
        case 7: return 1e7
        case 8: return 1e8
        case 9: return 1e9
        case 10: return 1e10
        case 11: return 1e11
        case 12: return 1e12
        case 13: return 1e13
        case 14: return 1e14
        default: return 1e15
        }
    }

    /// Skips any JSON value, checking its syntax. Written out rather than with
    /// `forEachMember`/`forEachElement` and their closures and key Strings: folders of
    /// expvar bodies skip hundreds of numbers per file.
    mutating func skipValue(depth: Int = 0) throws {
        guard depth < Self.maximumDepth else { throw error("JSON nested more than \(Self.maximumDepth) levels deep") }
        switch peek() {
        case UInt8(ascii: "{"):
            offset += 1
            if consume(UInt8(ascii: "}")) { return }
            repeat {
                try skipString()
                try expect(UInt8(ascii: ":"))
                try skipElement(depth: depth + 1)
            } while consume(UInt8(ascii: ","))
            try expect(UInt8(ascii: "}"))
        case UInt8(ascii: "["):
            offset += 1
            if consume(UInt8(ascii: "]")) { return }
            repeat {
                try skipElement(depth: depth + 1)
            } while consume(UInt8(ascii: ","))
            try expect(UInt8(ascii: "]"))
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "t"):
            try expectLiteral("true")
        case UInt8(ascii: "f"):
            try expectLiteral("false")
        case UInt8(ascii: "n"):
            try expectLiteral("null")
        case nil:
            throw error("unexpected end of data")
        default:
            _ = try scanNumber()
        }
    }

    /// Skips the next value; a number, as most are in long arrays, without a call.
    @inline(__always)
    private mutating func skipElement(depth: Int) throws {
        if depth < Self.maximumDepth, let next = peek(), next == UInt8(ascii: "-") || (next >= 0x30 && next <= 0x39) {
            _ = try scanNumber()
        } else {
            try skipValue(depth: depth)
        }
    }

    /// `readString` without making the String; one with escapes is read by `readString`.
    private mutating func skipString() throws {
        try expect(UInt8(ascii: "\""))
        let start = offset
        if try skipUnescaped() { return }
        offset = start - 1
        _ = try readString()
    }

    /// Inside a string, moves past the characters before its first escape or closing
    /// quote; true, past the quote, when the string ended with no escape.
    @inline(__always)
    private mutating func skipUnescaped() throws -> Bool {
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                offset += 1
                return true
            }
            if byte == UInt8(ascii: "\\") { return false }
            if byte < 0x20 { throw error("control character in a string") }
            offset += 1
        }
        return false
    }

    /// Consumes `null` if it comes next.
    mutating func consumeNull() throws -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        try expectLiteral("null")
        return true
    }

    private mutating func expectLiteral(_ literal: String) throws {
        let expected = Array(literal.utf8)
        guard offset + expected.count <= bytes.count else { throw error("unexpected end of data") }
        for index in 0..<expected.count where bytes[offset + index] != expected[index] {
            throw error("invalid literal")
        }
        offset += expected.count
    }

    // MARK: Helpers

    @inline(__always)
    private mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    @inline(__always)
    private mutating func skipDigits() -> Int {
        let start = offset
        if let base = bytes.baseAddress {
            while offset + 8 <= bytes.count {
                let (_, run) = Self.digitRun(base, at: offset)
                offset += run
                if run < 8 { return offset - start }
            }
        }
        while offset < bytes.count, bytes[offset] >= UInt8(ascii: "0"), bytes[offset] <= UInt8(ascii: "9") {
            offset += 1
        }
        return offset - start
    }

    /// The eight bytes at `position` less '0' (the first in the lowest byte), and how
    /// many of them, from the first, were ASCII digits.
    @inline(__always)
    private static func digitRun(_ base: UnsafePointer<UInt8>, at position: Int) -> (digits: UInt64, run: Int) {
        let digits = UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: position, as: UInt64.self))
            ^ 0x3030_3030_3030_3030
        // A byte's high bit is set unless it was '0'...'9' (now 0...9).
        let notDigits = (((digits & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7676_7676_7676_7676) | digits) & 0x8080_8080_8080_8080
        return (digits, notDigits.trailingZeroBitCount >> 3)
    }

    /// Parses a validated number. Plain decimals of at most 15 digits (nearly every
    /// sample value and timestamp) are computed exactly: the integer of their digits is
    /// exact in a Double, and one division by a power of ten is correctly rounded, so
    /// the result is the one strtod gives. Everything else goes to strtod, copied so it
    /// never reads past the buffer.
    static func parseDouble(_ text: UnsafeBufferPointer<UInt8>) -> Double {
        var mantissa: Int64 = 0, digits = 0, fraction = -1
        var index = 0
        let negative = text.first == UInt8(ascii: "-")
        if negative { index = 1 }
        var simple = index < text.count
        while index < text.count {
            let byte = text[index]
            if byte >= 0x30 && byte <= 0x39 {
                mantissa = mantissa * 10 + Int64(byte - 0x30)
                digits += 1
                if fraction >= 0 { fraction += 1 }
                if digits > 15 { simple = false; break }
            } else if byte == UInt8(ascii: ".") && fraction < 0 {
                fraction = 0
            } else {
                simple = false
                break
            }
            index += 1
        }
        if simple && digits > 0 {
            let value = fraction > 0 ? Double(mantissa) / powersOfTen[fraction] : Double(mantissa)
            return negative ? -value : value
        }
        return parseWithStrtod(text)
    }

    private static let powersOfTen: [Double] = (0...15).map { pow(10, Double($0)) }

    private static func parseWithStrtod(_ text: UnsafeBufferPointer<UInt8>) -> Double {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: text.count + 1) { buffer in
            for index in 0..<text.count { buffer[index] = CChar(bitPattern: text[index]) }
            buffer[text.count] = 0
            return strtod(buffer.baseAddress!, nil)
        }
    }

    /// A syntax error at the current offset.
    func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: offset, message: offset >= bytes.count ? "\(message) (at the end of the data)" : message)
    }
}
