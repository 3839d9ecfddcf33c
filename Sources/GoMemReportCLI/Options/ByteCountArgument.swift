import ArgumentParser
import Foundation

/// A size on the command line: bytes, or a number with KiB, MiB or GiB (KB, MB, GB
/// are read as the same powers of two, as `ulimit` and `docker` do).
enum ByteCountArgument {
    static func bytes(_ text: String, option: String) throws -> Int {
        let units: [(String, Int)] = [("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("KB", 1 << 10), ("MB", 1 << 20),
                                      ("GB", 1 << 30), ("K", 1 << 10), ("M", 1 << 20), ("G", 1 << 30), ("B", 1)]
        var number = Substring(text)
        var multiplier = 1
        if let unit = units.first(where: { text.hasSuffix($0.0) }) {
            number = number.dropLast(unit.0.count)
            multiplier = unit.1
        }
        guard let value = Double(number.trimmingCharacters(in: .whitespaces)), value.isFinite, value > 0,
              value * Double(multiplier) < Double(Int.max / 2) else {
            throw ValidationError("\(option): '\(text)' is not a size; give bytes or a number with KiB, MiB or GiB (64MiB)")
        }
        return Int(value * Double(multiplier))
    }
}
