import MemoryModel
import Foundation

/// Byte counts for people, in powers of 1024 (KiB, MiB, GiB, TiB), with fixed
/// formatting so the same number always renders the same way.
public enum ByteFormat {
    public enum Unit: Int, CaseIterable, Sendable {
        case bytes = 0, kibibytes, mebibytes, gibibytes, tebibytes

        public var symbol: String { ["B", "KiB", "MiB", "GiB", "TiB"][rawValue] }
        public var size: Double { pow(1024, Double(rawValue)) }

        /// The largest unit in which `bytes` is at least 1.
        public static func fitting(_ bytes: Double) -> Unit {
            var unit = Unit.bytes
            for candidate in Unit.allCases where abs(bytes) >= candidate.size { unit = candidate }
            return unit
        }
    }

    /// `"110.6 MiB"`: one decimal below 100 units, none above; whole bytes below 1 KiB.
    /// Negative values keep their sign (`"−3.2 MiB"`, with a true minus).
    public static func string(_ bytes: Double) -> String {
        guard bytes.isFinite else { return bytes.isNaN ? "NaN" : (bytes > 0 ? "+Inf" : "−Inf") }
        let unit = Unit.fitting(bytes)
        let scaled = abs(bytes) / unit.size
        let digits: String
        if unit == .bytes {
            digits = String(format: "%.0f", scaled)
        } else if scaled < 100 {
            digits = String(format: "%.1f", scaled)
        } else {
            digits = String(format: "%.0f", scaled)
        }
        return (bytes < 0 && digits != "0" && digits != "0.0" ? "−" : "") + "\(digits) \(unit.symbol)"
    }

    /// `"+4.2 MiB"` / `"−4.2 MiB"`: a change, always signed.
    public static func signed(_ bytes: Double) -> String {
        bytes >= 0 ? "+" + string(bytes) : string(bytes)
    }

    /// Exact bytes with thousands separators, for titles: `"18,117,896 bytes"`.
    public static func exact(_ bytes: Double) -> String {
        guard bytes.isFinite, abs(bytes) < 9e15 else { return string(bytes) }
        return DigitGrouping.string(Int64(bytes.rounded())) + " bytes"
    }

    /// A ratio such as `"1.04×"`.
    public static func ratio(_ value: Double) -> String {
        if value >= 10 { return String(format: "%.0f×", value) }
        return value >= 0.1 ? String(format: "%.2f×", value) : String(format: "%.3f×", value)
    }

    /// A share such as `"37%"`.
    public static func percent(_ fraction: Double) -> String {
        let text = String(format: "%.0f%%", fraction * 100)
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }
}
