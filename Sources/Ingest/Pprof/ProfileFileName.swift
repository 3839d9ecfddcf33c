import MemoryModel

/// What a recording's profile file name says: `heap-20261128T073242588Z.pb.gz`,
/// `goroutine-20261128T073242588Z.debug2.txt`.
struct ProfileFileName: Equatable {
    enum Format {
        case dump, proto, text
    }

    var kind: String
    /// The stamp as Unix seconds.
    var time: Double?
    var format: Format

    /// Nil for names that are not profiles.
    init?(_ name: String) {
        let format: Format
        let stem: Substring
        if name.hasSuffix(".pb.gz") {
            format = .proto; stem = name.dropLast(6)
        } else if name.hasSuffix(".pb") {
            format = .proto; stem = name.dropLast(3)
        } else if name.hasSuffix(".debug2.txt") {
            format = .dump; stem = name.dropLast(11)
        } else if name.hasSuffix(".debug1.txt") {
            format = .text; stem = name.dropLast(11)
        } else {
            return nil
        }
        guard let dash = stem.firstIndex(of: "-") else { return nil }
        kind = String(stem[..<dash])
        time = Self.stampSeconds(String(stem[stem.index(after: dash)...]))
        self.format = format
    }

    /// `YYYYMMDDTHHMMSSmmmZ` as Unix seconds, or nil.
    static func stampSeconds(_ stamp: String) -> Double? {
        let digits = Array(stamp.utf8)
        guard digits.count == 19, digits[8] == UInt8(ascii: "T"), digits[18] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let d = digits[index]
                guard d >= 48, d <= 57 else { return nil }
                value = value * 10 + Int(d - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
              let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15),
              let millis = number(15..<18), (1...12).contains(month), (1...31).contains(day),
              hour < 24, minute < 60, second < 61 else { return nil }
        let days = CivilDays.days(year: year, month: month, day: day)
        return Double(days * 86400 + hour * 3600 + minute * 60 + second) + Double(millis) / 1000
    }
}
