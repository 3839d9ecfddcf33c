import MemoryModel

/// Reads one `/metrics` scrape in the Prometheus text format 0.0.4 or OpenMetrics 1.0
/// (told apart by OpenMetrics's closing `# EOF`).
///
/// Kept: gauge, counter, unknown and untyped samples, with their labels (escapes
/// `\\`, `\"`, `\n` decoded), and a summary's `_count` and `_sum` counters. Skipped
/// cleanly: histogram and gauge histogram families, summary quantiles, `_created`
/// series, and OpenMetrics exemplars. A sample's own timestamp
/// (milliseconds in 0.0.4, seconds in OpenMetrics) wins over `scrapeTime`.
///
/// Failure modes, each an `InputError` naming the file and `line N`: a malformed
/// metric name, an unclosed label quote (a raw newline in a label value ends the line
/// inside the quote), a bad escape, a value that is not a number, a bad timestamp (not a
/// number, or outside the years 1970–9999), more than `maximumSamples` samples.
public enum ExpositionReader {
    public static func read(_ bytes: [UInt8], file: String, scrapeTime: Double?) throws -> [ScrapedSample] {
        try readLines(bytes, file: file, scrapeTime: scrapeTime).compactMap(\.sample)
    }

    /// A line of a scrape as `read` saw it, so that a reader of many scrapes of one
    /// target can recognise the same lines in the next (`ScrapeShape`).
    struct Line {
        /// The line's bytes, without its line feed.
        var range: Range<Int>
        /// Where a sample line's value begins, after its name, labels and blanks; nil for
        /// comments and blank lines.
        var valueStart: Int?
        /// The sample the line gave; nil for comments, blank lines and skipped families.
        var sample: ScrapedSample?
    }

    static func readLines(_ bytes: [UInt8], file: String, scrapeTime: Double?, maximumSamples: Int = .max) throws -> [Line] {
        let isOpenMetrics = endsWithEOF(bytes)
        var sampleCount = 0
        var lines: [Line] = []
        var skippedFamilies: Set<String> = []
        var summaryFamilies: Set<String> = []
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            lineNumber += 1
            var line = bytes[start..<end]
            if line.last == 0x0D { line = line.dropLast() }
            let range = start..<end
            start = end + 1
            guard let first = line.first else {
                lines.append(Line(range: range))
                continue
            }
            if first == UInt8(ascii: "#") {
                lines.append(Line(range: range))
                // Only a TYPE line matters; most comments are HELP text.
                guard containsTYPE(line) else { continue }
                let text = String(decoding: line, as: UTF8.self)
                let parts = text.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true)
                if parts.count >= 4, parts[1] == "TYPE" {
                    let type = parts[3].trimmingCharacters(in: " \t")
                    if ["histogram", "gaugehistogram", "summary"].contains(type) { skippedFamilies.insert(String(parts[2])) }
                    if type == "summary" { summaryFamilies.insert(String(parts[2])) }
                }
                continue
            }
            do {
                var (sample, valueStart) = try parseSample(line, isOpenMetrics: isOpenMetrics)
                if sample.name.hasSuffix("_created") || isSkipped(sample.name, skippedFamilies, summaries: summaryFamilies) {
                    lines.append(Line(range: range, valueStart: valueStart))
                    continue
                }
                if sample.timestamp == nil { sample.timestamp = scrapeTime }
                sampleCount += 1
                guard sampleCount <= maximumSamples else {
                    throw InputError(file: file, location: "line \(lineNumber)", reason: "more than \(maximumSamples) series in one scrape", exceeded: .series)
                }
                lines.append(Line(range: range, valueStart: valueStart, sample: sample))
            } catch let error as LineError {
                throw InputError(file: file, location: "line \(lineNumber)", reason: error.reason)
            }
        }
        return lines
    }

    private static func containsTYPE(_ line: ArraySlice<UInt8>) -> Bool {
        let type: [UInt8] = Array("TYPE".utf8)
        guard line.count >= 4 else { return false }
        var index = line.startIndex
        while index + 4 <= line.endIndex {
            if line[index] == type[0] && line[index + 1] == type[1] && line[index + 2] == type[2] && line[index + 3] == type[3] { return true }
            index += 1
        }
        return false
    }

    private struct LineError: Error { var reason: String }

    private static func isSkipped(_ name: String, _ families: Set<String>, summaries: Set<String>) -> Bool {
        if families.contains(name) { return true }
        // A summary's count and sum are plain counters (`go_gc_duration_seconds_count` is
        // the GC cycle count of client_golang's default collector); its quantiles are not kept.
        for suffix in ["_count", "_sum"] where name.hasSuffix(suffix) {
            if summaries.contains(String(name.dropLast(suffix.count))) { return false }
        }
        for suffix in ["_bucket", "_sum", "_count", "_gcount", "_gsum"] where name.hasSuffix(suffix) {
            if families.contains(String(name.dropLast(suffix.count))) { return true }
        }
        return false
    }

    static func endsWithEOF(_ bytes: [UInt8]) -> Bool {
        var end = bytes.count
        while end > 0 && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D || bytes[end - 1] == 0x20) { end -= 1 }
        let eof = Array("# EOF".utf8)
        return end >= eof.count && Array(bytes[(end - eof.count)..<end]) == eof
    }

    /// The sample of a line, and where its value begins.
    private static func parseSample(_ line: ArraySlice<UInt8>, isOpenMetrics: Bool) throws -> (ScrapedSample, Int) {
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
        var valueStart = index
        while valueStart < line.endIndex, line[valueStart] == 0x20 || line[valueStart] == 0x09 { valueStart += 1 }
        // The rest: value, optional timestamp, optional OpenMetrics exemplar.
        let fields = restFields(line[index...])
        guard let valueText = fields.first else { throw LineError(reason: "\(name) has no value") }
        guard let value = parseNumber(String(valueText)) else {
            throw LineError(reason: "\(excerpt(name)) has the value \(excerpt(valueText)), which is not a number")
        }
        var timestamp: Double?
        if fields.count >= 2 {
            guard let raw = Double(String(fields[1])), raw.isFinite else {
                throw LineError(reason: "\(excerpt(name)) has the timestamp \(excerpt(fields[1])), which is not a number")
            }
            timestamp = isOpenMetrics ? raw : raw / 1000
            // Milliseconds in 0.0.4, seconds in OpenMetrics: either way a time the
            // calendar arithmetic downstream can take.
            guard PrometheusRangeReader.validTimes.contains(timestamp!) else {
                throw LineError(reason: "\(excerpt(name)) has the timestamp \(excerpt(fields[1])), outside the years 1970–9999")
            }
        }
        guard fields.count <= 2 else { throw LineError(reason: "unexpected text after the value of \(name)") }
        return (ScrapedSample(name: name, labels: labels, value: value, timestamp: timestamp), valueStart)
    }

    /// The blank-separated fields of what follows a sample's labels, up to an OpenMetrics
    /// exemplar (` # `). ASCII, nearly always, is split as bytes; anything else as
    /// Characters, with Foundation's search for the exemplar.
    private static func restFields(_ rest: ArraySlice<UInt8>) -> [Substring] {
        guard rest.allSatisfy({ $0 < 0x80 }) else {
            var text = String(decoding: rest, as: UTF8.self)
            if let exemplar = text.range(of: " # ") { text = String(text[..<exemplar.lowerBound]) }
            return text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        }
        var end = rest.endIndex
        var index = rest.startIndex
        while index + 3 <= rest.endIndex {
            if rest[index] == 0x20 && rest[index + 1] == UInt8(ascii: "#") && rest[index + 2] == 0x20 {
                end = index
                break
            }
            index += 1
        }
        return String(decoding: rest[..<end], as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\t" })
    }

    /// A sample's value as `read` parses it when the value is all there is after the
    /// labels, computed from the bytes without a String where that is exact: a decimal of
    /// at most 15 digits times a power of ten up to 10^22 is one correctly rounded
    /// operation, as Double(String) is. Nil for anything `read` would reject. Unless
    /// `needed`, a valid number gives 0 without being computed (the lines of skipped
    /// histograms and summaries must hold numbers, but their values are dropped).
    static func plainValue(_ token: UnsafeBufferPointer<UInt8>, needed: Bool = true) -> Double? {
        var index = 0
        var negative = false
        if let first = token.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            index = 1
        }
        var mantissa: UInt64 = 0, digits = 0, fractionDigits = 0
        var seenPoint = false
        while index < token.count {
            let byte = token[index]
            if byte &- 0x30 < 10 {
                mantissa = mantissa &* 10 &+ UInt64(byte &- 0x30)
                digits += 1
                if seenPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
            } else {
                break
            }
            index += 1
        }
        var exponent = 0, exponentDigits = 0
        var hasExponent = false
        if index < token.count, token[index] | 0x20 == UInt8(ascii: "e") {
            hasExponent = true
            index += 1
            var exponentNegative = false
            if index < token.count, token[index] == UInt8(ascii: "-") || token[index] == UInt8(ascii: "+") {
                exponentNegative = token[index] == UInt8(ascii: "-")
                index += 1
            }
            while index < token.count, token[index] &- 0x30 < 10 {
                if exponentDigits < 4 { exponent = exponent * 10 + Int(token[index] &- 0x30) }
                exponentDigits += 1
                index += 1
            }
            if exponentNegative { exponent = -exponent }
        }
        // What strtod reads whole from these characters: Double(String) gives a number.
        let decimal = index == token.count && digits > 0 && (!hasExponent || exponentDigits > 0)
        guard decimal else {
            // NaN, ±Inf, or not a number at all.
            return parseNumber(String(decoding: token, as: UTF8.self))
        }
        if !needed { return 0 }
        let scale = exponent - fractionDigits
        if digits <= 15 && exponentDigits <= 4 && scale >= -22 && scale <= 22 {
            var value = Double(mantissa)
            if scale > 0 { value *= powerOfTen(scale) } else if scale < 0 { value /= powerOfTen(-scale) }
            return negative ? -value : value
        }
        // Longer numbers, as `read` does it.
        return parseNumber(String(decoding: token, as: UTF8.self))
    }

    private static func powerOfTen(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= 10 }  // exact up to 10^22
        return result
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
