import MemoryModel

/// Reads one `/metrics` scrape in the Prometheus text format 0.0.4 or OpenMetrics 1.0
/// (told apart by OpenMetrics's closing `# EOF`).
///
/// Kept: gauge, counter, unknown and untyped samples, with their labels (escapes
/// `\\`, `\"`, `\n` decoded). Skipped cleanly: histogram, gauge histogram and summary
/// families, `_created` series, and OpenMetrics exemplars. A sample's own timestamp
/// (milliseconds in 0.0.4, seconds in OpenMetrics) wins over `scrapeTime`.
///
/// Failure modes, each an `InputError` naming the file and `line N`: a malformed
/// metric name, an unclosed label quote (a raw newline in a label value ends the line
/// inside the quote), a bad escape, a value that is not a number, a bad timestamp.
public enum ExpositionReader {
    public static func read(_ bytes: [UInt8], file: String, scrapeTime: Double?) throws -> [ScrapedSample] {
        let isOpenMetrics = endsWithEOF(bytes)
        var samples: [ScrapedSample] = []
        var skippedFamilies: Set<String> = []
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            lineNumber += 1
            var line = bytes[start..<end]
            if line.last == 0x0D { line = line.dropLast() }
            start = end + 1
            guard let first = line.first else { continue }
            if first == UInt8(ascii: "#") {
                let text = String(decoding: line, as: UTF8.self)
                let parts = text.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true)
                if parts.count >= 4, parts[1] == "TYPE" {
                    let type = parts[3].trimmingCharacters(in: " \t")
                    if ["histogram", "gaugehistogram", "summary"].contains(type) { skippedFamilies.insert(String(parts[2])) }
                }
                continue
            }
            do {
                var sample = try parseSample(line, isOpenMetrics: isOpenMetrics)
                if sample.name.hasSuffix("_created") || isSkipped(sample.name, skippedFamilies) { continue }
                if sample.timestamp == nil { sample.timestamp = scrapeTime }
                samples.append(sample)
            } catch let error as LineError {
                throw InputError(file: file, location: "line \(lineNumber)", reason: error.reason)
            }
        }
        return samples
    }

    private struct LineError: Error { var reason: String }

    private static func isSkipped(_ name: String, _ families: Set<String>) -> Bool {
        if families.contains(name) { return true }
        for suffix in ["_bucket", "_sum", "_count", "_gcount", "_gsum"] where name.hasSuffix(suffix) {
            if families.contains(String(name.dropLast(suffix.count))) { return true }
        }
        return false
    }

    private static func endsWithEOF(_ bytes: [UInt8]) -> Bool {
        var end = bytes.count
        while end > 0 && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D || bytes[end - 1] == 0x20) { end -= 1 }
        let eof = Array("# EOF".utf8)
        return end >= eof.count && Array(bytes[(end - eof.count)..<end]) == eof
    }

    private static func parseSample(_ line: ArraySlice<UInt8>, isOpenMetrics: Bool) throws -> ScrapedSample {
        var index = line.startIndex
        func isNameByte(_ b: UInt8, first: Bool) -> Bool {
            (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F || b == 0x3A || (!first && b >= 0x30 && b <= 0x39)
        }
        let nameStart = index
        while index < line.endIndex, isNameByte(line[index], first: index == nameStart) { index += 1 }
        guard index > nameStart else { throw LineError(reason: "expected a metric name") }
        let name = String(decoding: line[nameStart..<index], as: UTF8.self)
        var labels: [String: String] = [:]
        if index < line.endIndex, line[index] == UInt8(ascii: "{") {
            index += 1
            while true {
                while index < line.endIndex, line[index] == 0x20 { index += 1 }
                guard index < line.endIndex else { throw LineError(reason: "unclosed label set in \(name)") }
                if line[index] == UInt8(ascii: "}") { index += 1; break }
                let keyStart = index
                while index < line.endIndex, isNameByte(line[index], first: index == keyStart) { index += 1 }
                guard index > keyStart else { throw LineError(reason: "expected a label name in \(name)") }
                let key = String(decoding: line[keyStart..<index], as: UTF8.self)
                guard index + 1 < line.endIndex, line[index] == UInt8(ascii: "="), line[index + 1] == UInt8(ascii: "\"") else {
                    throw LineError(reason: "expected =\" after label \(key) in \(name)")
                }
                index += 2
                var value: [UInt8] = []
                var closed = false
                while index < line.endIndex {
                    let byte = line[index]
                    index += 1
                    if byte == UInt8(ascii: "\"") { closed = true; break }
                    if byte == UInt8(ascii: "\\") {
                        guard index < line.endIndex else { break }
                        switch line[index] {
                        case UInt8(ascii: "\\"): value.append(0x5C)
                        case UInt8(ascii: "\""): value.append(0x22)
                        case UInt8(ascii: "n"): value.append(0x0A)
                        default: throw LineError(reason: "invalid escape \\\(Character(UnicodeScalar(line[index]))) in label \(key) of \(name)")
                        }
                        index += 1
                    } else {
                        value.append(byte)
                    }
                }
                guard closed else { throw LineError(reason: "unclosed quote in label \(key) of \(name) (a label value cannot hold a raw line break)") }
                labels[key] = String(decoding: value, as: UTF8.self)
                while index < line.endIndex, line[index] == 0x20 { index += 1 }
                if index < line.endIndex, line[index] == UInt8(ascii: ",") { index += 1 }
            }
        }
        // The rest: value, optional timestamp, optional OpenMetrics exemplar.
        var rest = String(decoding: line[index...], as: UTF8.self)
        if let exemplar = rest.range(of: " # ") { rest = String(rest[..<exemplar.lowerBound]) }
        let fields = rest.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let valueText = fields.first else { throw LineError(reason: "\(name) has no value") }
        guard let value = parseNumber(String(valueText)) else { throw LineError(reason: "\(name) has the value \(valueText), which is not a number") }
        var timestamp: Double?
        if fields.count >= 2 {
            guard let raw = Double(String(fields[1])), raw.isFinite else {
                throw LineError(reason: "\(name) has the timestamp \(fields[1]), which is not a number")
            }
            timestamp = isOpenMetrics ? raw : raw / 1000
        }
        guard fields.count <= 2 else { throw LineError(reason: "unexpected text after the value of \(name)") }
        return ScrapedSample(name: name, labels: labels, value: value, timestamp: timestamp)
    }

    /// Go's float syntax as exposition formats use it, with NaN and ±Inf.
    static func parseNumber(_ text: String) -> Double? {
        switch text {
        case "NaN": return .nan
        case "+Inf", "Inf": return .infinity
        case "-Inf": return -.infinity
        default:
            guard text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D || $0 == 0x2B || $0 == 0x65 || $0 == 0x45 }) else {
                return nil
            }
            return Double(text)
        }
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = self
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
