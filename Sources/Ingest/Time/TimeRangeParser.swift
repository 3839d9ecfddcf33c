import Foundation
import MemoryModel

/// Reads the times and durations of `--since`, `--until` and `--step`.
///
/// Durations use Prometheus's syntax: a number and a unit, `ms`, `s`, `m`, `h`, `d`,
/// `w` or `y` (365 days), possibly several from the largest unit down (`1h30m`).
/// Absolute times are RFC 3339 (`2026-11-28T07:32:00Z`, `2026-11-28T08:32:00.5+01:00`;
/// a space may stand for the `T`) or Unix seconds (`1795851163`, `1795851163.588`).
///
/// Every function returns nil for text it cannot read; none traps.
public enum TimeRangeParser {
    /// The seconds `text` stands for, or nil unless it is a positive duration.
    public static func duration(_ text: String) -> Double? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3_600), ("d", 86_400), ("w", 604_800), ("y", 31_536_000)]
        var rest = Substring(text)
        var total = 0.0
        var lastUnit = Double.infinity
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !digits.isEmpty, let number = Double(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            // "ms" before "m": the longest unit that matches.
            guard let unit = units.filter({ rest.hasPrefix($0.0) }).max(by: { $0.0.count < $1.0.count }) else { return nil }
            guard unit.1 < lastUnit else { return nil }
            lastUnit = unit.1
            rest = rest.dropFirst(unit.0.count)
            total += number * unit.1
        }
        return total > 0 && total.isFinite ? total : nil
    }

    /// A time given as a duration before `reference` (`1h`: an hour before it) or as an
    /// absolute time, in Unix seconds; nil when `text` is neither.
    public static func time(_ text: String, before reference: Double) -> Double? {
        if let duration = duration(text) { return reference - duration }
        return instant(text)
    }

    /// Unix seconds for an RFC 3339 time or a Unix timestamp, or nil.
    public static func instant(_ text: String) -> Double? {
        if !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) {
            guard let seconds = Double(text), PrometheusRangeReader.validTimes.contains(seconds) else { return nil }
            return seconds
        }
        return rfc3339(text)
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
    static func rfc3339(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count, bytes[range].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            return bytes[range].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        func byte(_ index: Int, _ allowed: String) -> Bool {
            index < bytes.count && allowed.utf8.contains(bytes[index])
        }
        guard let year = number(0..<4), byte(4, "-"), let month = number(5..<7), byte(7, "-"), let day = number(8..<10),
              byte(10, "Tt "), let hour = number(11..<13), byte(13, ":"), let minute = number(14..<16), byte(16, ":"),
              let second = number(17..<19) else { return nil }
        var index = 19
        var fraction = 0.0
        if byte(index, ".") {
            var scale = 0.1
            index += 1
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                fraction += Double(bytes[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        var offset = 0
        if byte(index, "Zz") {
            index += 1
        } else if byte(index, "+-"), let hours = number(index + 1..<index + 3), byte(index + 3, ":"),
                  let minutes = number(index + 4..<index + 6), hours < 24, minutes < 60 {
            offset = (hours * 3_600 + minutes * 60) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
            index += 6
        } else {
            return nil
        }
        guard index == bytes.count, (1...12).contains(month), (1...CivilDays.count(month: month, year: year)).contains(day),
              hour < 24, minute < 60, second < 61 else { return nil }
        let seconds = Double(CivilDays.days(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60 + second - offset) + fraction
        return PrometheusRangeReader.validTimes.contains(seconds) ? seconds : nil
    }
}
