import MemoryModel
import Foundation

/// How flame graph titles and legends write a profile's values: bytes through
/// `ByteFormat`, anything else as a count with thousands separators, and shares with
/// one decimal. Negative numbers use a true minus, as `ByteFormat` does.
enum FlameGraphValueFormat {
    /// `"12.3 MiB (12,897,123 bytes)"`, `"512 B"`, `"1,234"`, `"1,234 nanoseconds"`.
    static func value(_ value: Int64, unit: String) -> String {
        if isBytes(unit) {
            return value.magnitude < 1024 ? ByteFormat.string(Double(value))
                : "\(ByteFormat.string(Double(value))) (\(ByteFormat.exact(Double(value))))"
        }
        return grouped(value) + (unit.isEmpty || unit == "count" ? "" : " " + unit)
    }

    /// A short form for labels and scales: `"12.3 MiB"`, `"1,234"`.
    static func short(_ value: Int64, unit: String) -> String {
        isBytes(unit) ? ByteFormat.string(Double(value)) : grouped(value)
    }

    /// `short` with a sign: `"+2.1 MiB"`, `"−1,234"`, `"0"` for zero.
    static func signedShort(_ value: Int64, unit: String) -> String {
        if value == 0 { return "0" }
        let text = short(value, unit: unit)
        return value > 0 ? "+" + text : text
    }

    /// `value` with a sign.
    static func signed(_ value: Int64, unit: String) -> String {
        if value == 0 { return FlameGraphValueFormat.value(0, unit: unit) }
        let text = FlameGraphValueFormat.value(value, unit: unit)
        return value > 0 ? "+" + text : text
    }

    static func isBytes(_ unit: String) -> Bool { unit == "bytes" || unit == "byte" }

    /// `"1,234,567"`, `"−1,234"`.
    static func grouped(_ value: Int64) -> String {
        DigitGrouping.string(value)
    }

    /// `"37.2%"`; `"<0.1%"` for a share that is not zero but rounds to it; `"—"` when
    /// the whole is zero.
    static func percent(_ part: Int64, of whole: Int64) -> String {
        guard whole != 0 else { return "—" }
        let share = Double(part) / Double(whole) * 100
        if share != 0, abs(share) < 0.05 { return share > 0 ? "<0.1%" : "−<0.1%" }
        let text = String(format: "%.1f%%", abs(share))
        return share < 0 ? "−" + text : text
    }

    /// `percent` with a sign: `"+1.5%"`, `"−0.3%"`.
    static func signedPercent(_ part: Int64, of whole: Int64) -> String {
        let text = percent(part, of: whole)
        return whole != 0 && Double(part) / Double(whole) > 0 ? "+" + text : text
    }
}
