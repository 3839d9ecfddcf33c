/// One line of a text profile (without its line break) and a read position in it.
///
/// Every read checks `position < end` first, so a short or garbled line fails with a
/// `LegacyTextSyntaxError` naming the line instead of reading past it. Numbers are
/// parsed with overflow checks: an absurd number is an error, never a trap or a
/// silently wrapped value.
struct TextLine {
    let bytes: UnsafeBufferPointer<UInt8>
    let start: Int
    /// Exclusive.
    let end: Int
    let number: Int
    var position: Int

    init(bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, number: Int) {
        self.bytes = bytes
        self.start = start
        self.end = end
        self.number = number
        self.position = start
    }

    static let tab = UInt8(ascii: "\t")
    static let space = UInt8(ascii: " ")

    // MARK: Looking

    var atEnd: Bool { position >= end }

    /// The line holds nothing but spaces and tabs.
    var isBlank: Bool {
        var index = start
        while index < end {
            if bytes[index] != Self.space && bytes[index] != Self.tab { return false }
            index += 1
        }
        return true
    }

    func peek() -> UInt8? { position < end ? bytes[position] : nil }

    /// The byte at `index`, or nil outside the line.
    func byte(at index: Int) -> UInt8? { index >= start && index < end ? bytes[index] : nil }

    /// The bytes from `position` on start with `literal`.
    func hasPrefix(_ literal: StaticString) -> Bool { matches(literal, at: position) }

    /// The line ends with `literal`.
    func hasSuffix(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        return end - start >= count && matches(literal, at: end - count)
    }

    func matches(_ literal: StaticString, at index: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index >= start, index <= end - count else { return false }
        let text = literal.utf8Start
        for offset in 0..<count where bytes[index + offset] != text[offset] { return false }
        return true
    }

    /// The last index in `range` holding `byte`.
    func lastIndex(of byte: UInt8, in range: Range<Int>) -> Int? {
        var index = min(range.upperBound, end)
        let lower = max(range.lowerBound, start)
        while index > lower {
            index -= 1
            if bytes[index] == byte { return index }
        }
        return nil
    }

    /// The first index in `range` holding `byte`.
    func firstIndex(of byte: UInt8, in range: Range<Int>) -> Int? {
        var index = max(range.lowerBound, start)
        let upper = min(range.upperBound, end)
        while index < upper {
            if bytes[index] == byte { return index }
            index += 1
        }
        return nil
    }

    /// The first index at or after `from` where `literal` starts.
    func firstIndex(of literal: StaticString, from: Int) -> Int? {
        let count = literal.utf8CodeUnitCount
        var index = max(from, start)
        while index + count <= end {
            if matches(literal, at: index) { return index }
            index += 1
        }
        return nil
    }

    /// `range` without spaces and tabs at either end.
    func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = max(range.lowerBound, start)
        var upper = min(range.upperBound, end)
        while lower < upper, bytes[lower] == Self.space || bytes[lower] == Self.tab { lower += 1 }
        while upper > lower, bytes[upper - 1] == Self.space || bytes[upper - 1] == Self.tab { upper -= 1 }
        return lower..<max(lower, upper)
    }

    var whole: Range<Int> { start..<end }
    var rest: Range<Int> { min(position, end)..<end }

    /// The bytes of `range` as text; invalid UTF-8 becomes U+FFFD rather than failing,
    /// since names are only shown.
    func string(_ range: Range<Int>) -> String {
        let lower = max(range.lowerBound, start)
        let upper = max(lower, min(range.upperBound, end))
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self)
    }

    /// The line for an error message: at most 60 characters, control bytes and
    /// non-ASCII shown as `?`, so binary garbage cannot break the one-line message.
    var excerpt: String {
        let limit = 60
        var text = ""
        var index = start
        while index < end && index - start < limit {
            let byte = bytes[index]
            text.unicodeScalars.append(byte >= 0x20 && byte < 0x7F ? UnicodeScalar(byte) : "?")
            index += 1
        }
        if end - start > limit { text += "…" }
        return "“" + text + "”"
    }

    func failure(_ reason: String) -> LegacyTextSyntaxError {
        LegacyTextSyntaxError(line: number, reason: reason)
    }

    // MARK: Consuming

    mutating func consume(_ literal: StaticString) -> Bool {
        guard hasPrefix(literal) else { return false }
        position += literal.utf8CodeUnitCount
        return true
    }

    mutating func consume(_ byte: UInt8) -> Bool {
        guard position < end, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    mutating func expect(_ byte: UInt8, _ what: @autoclosure () -> String) throws {
        guard consume(byte) else { throw failure("expected \(what()) in \(excerpt)") }
    }

    /// Skips spaces and tabs; returns whether there were any.
    @discardableResult
    mutating func skipSpaces() -> Bool {
        let before = position
        while position < end, bytes[position] == Self.space || bytes[position] == Self.tab { position += 1 }
        return position > before
    }

    /// Reads a decimal integer, with a leading `-` when `allowNegative`.
    /// - Throws: when there is no digit, or the number does not fit in 64 bits.
    mutating func readDecimal(allowNegative: Bool = false, _ what: @autoclosure () -> String) throws -> Int64 {
        let negative = allowNegative && consume(UInt8(ascii: "-"))
        let digitsStart = position
        var value: Int64 = 0
        while position < end, case let digit = bytes[position], digit >= 0x30, digit <= 0x39 {
            // Accumulate negatively so Int64.min itself parses.
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = shifted.subtractingReportingOverflow(Int64(digit - 0x30))
            if overflow1 || overflow2 {
                throw failure("\(what()) is too large: \(numberExcerpt(from: digitsStart))")
            }
            value = next
            position += 1
        }
        guard position > digitsStart else {
            throw failure("expected \(what()) (a decimal number) in \(excerpt)")
        }
        if negative { return value }
        guard value != Int64.min else {
            throw failure("\(what()) is too large: \(numberExcerpt(from: digitsStart))")
        }
        return -value
    }

    /// Reads `0x` and hex digits, as Go prints program counters.
    /// - Throws: when there is no `0x` or no digit, or more than 16 digits of value.
    mutating func readHexAddress() throws -> UInt64 {
        let tokenStart = position
        guard consume("0x") || consume("0X") else {
            throw failure("expected a hexadecimal address (0x…) in \(excerpt)")
        }
        let digitsStart = position
        var value: UInt64 = 0
        while position < end {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x61...0x66: digit = byte - 0x61 + 10
            case 0x41...0x46: digit = byte - 0x41 + 10
            default: digit = 0xFF
            }
            if digit == 0xFF { break }
            if value > UInt64.max >> 4 {
                throw failure("the address \(string(tokenStart..<min(end, tokenStart + 30)))… does not fit in 64 bits")
            }
            value = value << 4 | UInt64(digit)
            position += 1
        }
        guard position > digitsStart else {
            throw failure("expected a hexadecimal address (0x…) in \(excerpt)")
        }
        return value
    }

    /// Reads the rest of the line as PCs separated by white space (` 0x4375f6 0x40619b`),
    /// as Go prints a stack after `@`; none at all is an empty stack.
    /// - Throws: at anything that is not a hexadecimal address.
    mutating func readAddressList(into addresses: inout [UInt64]) throws {
        addresses.removeAll(keepingCapacity: true)
        while true {
            let separated = skipSpaces()
            if atEnd { return }
            guard separated || addresses.isEmpty else {
                throw failure("expected a space between addresses in \(excerpt)")
            }
            addresses.append(try readHexAddress())
        }
    }

    /// The digits from `index` on, at most 30 of them, for an error message.
    private func numberExcerpt(from index: Int) -> String {
        var upper = index
        while upper < end, bytes[upper] >= 0x30, bytes[upper] <= 0x39, upper - index < 31 { upper += 1 }
        return upper - index > 30 ? string(index..<index + 30) + "…" : string(index..<upper)
    }
}
