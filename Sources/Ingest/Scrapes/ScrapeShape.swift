import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The lines of one scrape, to read the next scrapes of the same target quickly.
///
/// Consecutive scrapes of one process differ in their values and little else: the same
/// comments, metric names and labels, in the same order. A scrape whose every line
/// matches the remembered one byte for byte up to its value (and every comment line
/// whole) gives the same samples `ExpositionReader` would, for the same series, so only
/// its values need reading. Anything else (a new series, a timestamp, an exemplar, a
/// value `plainValue` leaves to the general path) makes `read` return false, and the
/// caller reads the scrape with `ExpositionReader`, which reports what is wrong with it.
struct ScrapeShape {
    private struct Line {
        /// The remembered line's bytes in `template`, up to its value for samples.
        var prefix: Range<Int>
        var isSample: Bool
        /// The series a kept sample feeds; nil for comments and skipped families.
        var series: Int?
    }

    private let template: [UInt8]
    private let isOpenMetrics: Bool
    private let lines: [Line]

    /// The shape of a scrape `ExpositionReader.readLines` read, with the series each of its
    /// samples fed; nil when some sample line has more than a plain value (a timestamp,
    /// an exemplar) or its own timestamp, which only the general path reads.
    init?(_ bytes: [UInt8], lines: [ExpositionReader.Line], series: [Int?]) {
        var shaped: [Line] = []
        shaped.reserveCapacity(lines.count)
        for (line, series) in zip(lines, series) {
            guard let valueStart = line.valueStart else {
                shaped.append(Line(prefix: line.range, isSample: false, series: nil))
                continue
            }
            let token = bytes[valueStart..<line.range.upperBound]
            guard !token.isEmpty, !token.contains(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }),
                  token.withUnsafeBufferPointer({ ExpositionReader.plainValue($0) }) != nil else { return nil }
            shaped.append(Line(prefix: line.range.lowerBound..<valueStart, isSample: true, series: series))
        }
        template = bytes
        isOpenMetrics = ExpositionReader.endsWithEOF(bytes)
        self.lines = shaped
    }

    /// Reads the values of a scrape of this shape into `values` (series, value), in line
    /// order; false, with `values` incomplete, when the scrape is not of this shape.
    func read(_ bytes: [UInt8], into values: inout [(series: Int, value: Double)]) -> Bool {
        values.removeAll(keepingCapacity: true)
        guard ExpositionReader.endsWithEOF(bytes) == isOpenMetrics else { return false }
        return bytes.withUnsafeBufferPointer { (scrape: UnsafeBufferPointer<UInt8>) -> Bool in
            template.withUnsafeBufferPointer { (remembered: UnsafeBufferPointer<UInt8>) -> Bool in
                matches(scrape, remembered, into: &values)
            }
        }
    }

    private func matches(_ scrape: UnsafeBufferPointer<UInt8>, _ remembered: UnsafeBufferPointer<UInt8>,
                         into values: inout [(series: Int, value: Double)]) -> Bool {
        guard let base = scrape.baseAddress, let rememberedBase = remembered.baseAddress else { return false }
        var position = 0
        for line in lines {
            let length = line.prefix.count
            guard position < scrape.count, position + length <= scrape.count,
                  memcmp(base + position, rememberedBase + line.prefix.lowerBound, length) == 0 else { return false }
            let tokenStart = position + length
            var end = scrape.count
            if let newline = memchr(base + tokenStart, 0x0A, scrape.count - tokenStart) {
                end = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
            }
            if line.isSample {
                guard end > tokenStart, let value = ExpositionReader.plainValue(UnsafeBufferPointer(rebasing: scrape[tokenStart..<end]),
                                                                                  needed: line.series != nil) else {
                    return false
                }
                if let series = line.series { values.append((series, value)) }
            } else if end != tokenStart {
                return false
            }
            position = end + 1
        }
        return position >= scrape.count
    }
}
