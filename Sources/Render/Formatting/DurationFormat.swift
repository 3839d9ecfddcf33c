import MemoryModel

/// A duration for people: `"4 min 54 s"`, `"2 h 5 min"`, `"3 d 4 h"`.
public enum DurationFormat {
    public static func string(seconds: Double) -> String {
        // Clamped (about 31 million years) so that no figure can make the conversion trap.
        guard !seconds.isNaN else { return "? s" }
        let total = Int(min(max(seconds, -1e15), 1e15).rounded())
        let days = total / 86400, hours = total / 3600 % 24, minutes = total / 60 % 60, secs = total % 60
        if days > 0 { return hours > 0 ? "\(days) d \(hours) h" : "\(days) d" }
        if hours > 0 { return minutes > 0 ? "\(hours) h \(minutes) min" : "\(hours) h" }
        if minutes > 0 { return secs > 0 ? "\(minutes) min \(secs) s" : "\(minutes) min" }
        return "\(secs) s"
    }
}
