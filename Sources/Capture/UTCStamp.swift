import MemoryModel

/// Unix seconds written as the recording layout writes times: `20261128T073242665Z`
/// in file names, `2026-11-28T07:32:42.665Z` in the manifest. Both are UTC to the
/// millisecond (rounded to the microsecond, then down), without locales or time zones.
public enum UTCStamp {
    private static func parts(_ seconds: Double) -> (date: (year: Int, month: Int, day: Int), h: Int, m: Int, s: Int, ms: Int) {
        // To the microsecond first, so 1795851162.614 (stored as …613999…) stays .614.
        let micros = Int((seconds * 1_000_000).rounded())
        let millis = micros >= 0 ? micros / 1000 : (micros - 999) / 1000
        let (days, rest) = millis.quotientAndRemainder(dividingBy: 86_400_000)
        let (day, dayMillis) = rest < 0 ? (days - 1, rest + 86_400_000) : (days, rest)
        return (CivilDays.date(days: day), dayMillis / 3_600_000, dayMillis / 60_000 % 60, dayMillis / 1000 % 60, dayMillis % 1000)
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// `YYYYMMDDTHHMMSSmmmZ`.
    public static func fileStamp(_ seconds: Double) -> String {
        let p = parts(seconds)
        return padded(p.date.year, 4) + padded(p.date.month, 2) + padded(p.date.day, 2) + "T"
            + padded(p.h, 2) + padded(p.m, 2) + padded(p.s, 2) + padded(p.ms, 3) + "Z"
    }

    /// RFC 3339: `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    public static func rfc3339(_ seconds: Double) -> String {
        let p = parts(seconds)
        return padded(p.date.year, 4) + "-" + padded(p.date.month, 2) + "-" + padded(p.date.day, 2) + "T"
            + padded(p.h, 2) + ":" + padded(p.m, 2) + ":" + padded(p.s, 2) + "." + padded(p.ms, 3) + "Z"
    }
}
