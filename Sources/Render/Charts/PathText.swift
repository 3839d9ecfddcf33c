import Foundation

/// SVG path data built as bytes: a week-long chart has some 50,000 coordinates, and
/// String interpolation and `String(format:)` cost thousands of instructions each.
struct PathText {
    private var bytes: [UInt8] = []

    var isEmpty: Bool { bytes.isEmpty }
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// A command (`M`, `L`) and its point.
    mutating func append(_ command: Unicode.Scalar, _ x: Double, _ y: Double) {
        bytes.append(UInt8(ascii: command))
        appendNumber(x)
        bytes.append(0x20)
        appendNumber(y)
    }

    mutating func close() {
        bytes.append(UInt8(ascii: "Z"))
    }

    /// Rounded to 0.1, with at most one decimal and no trailing ".0", from whole tenths.
    mutating func appendNumber(_ value: Double) {
        // Clamped so no input can make the Int conversion trap; nothing drawn is that far out.
        let tenths = (min(max(value, -1e6), 1e6) * 10).rounded()
        guard tenths.isFinite else {
            bytes += String(format: "%.1f", tenths / 10).utf8
            return
        }
        let whole = Int(tenths)
        if whole < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(whole.magnitude / 10)
        if whole.magnitude % 10 != 0 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(UInt8(ascii: "0") + UInt8(whole.magnitude % 10))
        }
    }

    private mutating func appendDigits(_ value: UInt) {
        if value >= 10 { appendDigits(value / 10) }
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}
