import MemoryModel

/// UTC calendar times from Unix seconds, computed without locales or time zones so
/// output is the same on every machine.
public struct UTCTime: Sendable, Equatable {
    public let year: Int, month: Int, day: Int
    public let hour: Int, minute: Int, second: Int, millisecond: Int

    public init(unixSeconds: Double) {
        // Clamped to years 1–9999 so no input can make the conversion trap.
        let clamped = unixSeconds.isNaN ? 0 : min(max(unixSeconds, -62_135_596_800), 253_402_300_799.999)
        let totalMilliseconds = Int64((clamped * 1000).rounded())
        let days = totalMilliseconds.floorDivided(by: 86_400_000)
        let msOfDay = totalMilliseconds - days * 86_400_000
        hour = Int(msOfDay / 3_600_000)
        minute = Int(msOfDay / 60_000 % 60)
        second = Int(msOfDay / 1000 % 60)
        millisecond = Int(msOfDay % 1000)
        (year, month, day) = CivilDays.date(days: Int(days))
    }

    private static func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// `2026-11-28T07:32:43.588Z`, milliseconds only when there are any.
    public var rfc3339: String {
        let base = "\(Self.pad(year, 4))-\(Self.pad(month))-\(Self.pad(day))T\(Self.pad(hour)):\(Self.pad(minute)):\(Self.pad(second))"
        return millisecond == 0 ? base + "Z" : base + ".\(Self.pad(millisecond, 3))Z"
    }

    /// `2026-11-28 07:32:43 UTC`.
    public var readable: String {
        "\(Self.pad(year, 4))-\(Self.pad(month))-\(Self.pad(day)) \(clock(seconds: true)) UTC"
    }

    /// `07:32` or `07:32:43`.
    public func clock(seconds: Bool) -> String {
        let base = "\(Self.pad(hour)):\(Self.pad(minute))"
        return seconds ? base + ":\(Self.pad(second))" : base
    }

    /// `11-28`.
    public var monthDay: String { "\(Self.pad(month))-\(Self.pad(day))" }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
