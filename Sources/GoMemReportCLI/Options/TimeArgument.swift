import ArgumentParser
import Foundation

/// A moment given on the command line: Unix seconds, or RFC 3339 in UTC or with an offset.
enum TimeArgument {
    static func seconds(_ text: String, option: String) throws -> Double {
        if let value = Double(text), value.isFinite, value >= 0, value < 253_402_300_800 { return value }
        let formatter = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime]] {
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return date.timeIntervalSince1970 }
        }
        throw ValidationError("\(option): '\(text)' is not a time; give Unix seconds or RFC 3339 (2026-11-28T07:00:00Z)")
    }
}
