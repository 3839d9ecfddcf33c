import MemoryModel
import Foundation

/// Profile values for people, by the sample type's unit: bytes in powers of 1024,
/// durations in s/ms/µs, counts with thousands separators.
public enum ProfileValueFormat {
    public static func string(_ value: Int64, unit: String) -> String {
        switch unit {
        case "bytes":
            return ByteFormat.string(Double(value))
        case "nanoseconds":
            let seconds = Double(value) / 1e9
            if abs(seconds) >= 1 { return String(format: "%.2fs", seconds) }
            if abs(seconds) >= 1e-3 { return String(format: "%.2fms", seconds * 1e3) }
            return value == 0 ? "0" : String(format: "%.2fµs", seconds * 1e6)
        default:
            return grouped(value)
        }
    }

    /// `30,239`, `−1,204`.
    public static func grouped(_ value: Int64) -> String {
        DigitGrouping.string(value)
    }

    /// pprof's `measurement.Percentage`: `"  100%"`, `"92.34%"`, `"0.051%"` (5 wide).
    public static func pprofPercentage(_ value: Int64, of total: Int64) -> String {
        let ratio = total != 0 ? abs(Double(value) / Double(total)) * 100 : 0
        if ratio >= 99.95 && ratio <= 100.05 { return "  100%" }
        if ratio >= 1 { return String(format: "%5.2f%%", ratio) }
        return goGFormat(ratio, width: 5, precision: 2) + "%"
    }

    /// Go's `%W.Pg`: shortest of %e/%f with P significant digits, trailing zeros removed.
    static func goGFormat(_ value: Double, width: Int, precision: Int) -> String {
        var text: String
        if value == 0 {
            text = "0"
        } else {
            let exponent = Int(floor(log10(abs(value))))
            if exponent < -4 || exponent >= precision {
                text = String(format: "%.\(precision - 1)e", value)
                // Go writes e-05 as e-05, like C; trim mantissa zeros as %g does.
                if let e = text.firstIndex(of: "e") {
                    var mantissa = String(text[..<e])
                    if mantissa.contains(".") {
                        while mantissa.hasSuffix("0") { mantissa.removeLast() }
                        if mantissa.hasSuffix(".") { mantissa.removeLast() }
                    }
                    text = mantissa + text[e...]
                }
            } else {
                text = String(format: "%.\(max(precision - 1 - exponent, 0))f", value)
                if text.contains(".") {
                    while text.hasSuffix("0") { text.removeLast() }
                    if text.hasSuffix(".") { text.removeLast() }
                }
            }
        }
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
