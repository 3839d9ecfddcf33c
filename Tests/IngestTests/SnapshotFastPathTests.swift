import Foundation
@testable import Ingest
import MemoryModel
import TestSupport
import XCTest

/// Folders of snapshots are read through fast paths (the last scrape's shape, expvar
/// read with JSONScanner, series found by position): each must give exactly what
/// reading every file with the general readers gives, and fail in the same way.
final class SnapshotFastPathTests: XCTestCase {
    /// The folder read file by file with the general readers, as SnapshotFolder did.
    private func reference(_ kind: SnapshotFolder.Kind, in directory: String, job: String, strict: Bool) throws -> [MetricSeries] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { name in !name.hasPrefix(".") && [".prom", ".json", ".status"].contains { name.hasSuffix($0) } }.sorted()
        var keys: [String] = []
        var built: [String: (name: String, labels: [String: String], timestamps: [Double], values: [Double])] = [:]
        var read = 0
        var failures: [InputError] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            let stamp = String(name[..<name.lastIndex(of: ".")!])
            let time = ProfileFileName.stampSeconds(stamp)
            let samples: [ScrapedSample]
            do {
                let bytes = try InputFile.bytes(path)
                switch kind {
                case .scrapes:
                    // The file-level rules SnapshotFolder adds to the reader's: complete,
                    // and no byte count that is not finite.
                    try ExpositionReader.checkComplete(bytes, file: path)
                    let lines = try ExpositionReader.readLines(bytes, file: path, scrapeTime: time)
                    try ExpositionReader.checkByteCountsAreFinite(lines, file: path)
                    samples = lines.compactMap(\.sample)
                case .expvar: samples = try ExpvarReader.readWithFoundation(bytes, file: path, time: time)
                default: samples = try ProcStatusReader.read(bytes, file: path, time: time)
                }
            } catch let error as InputError where !strict {
                failures.append(error)
                continue
            }
            read += 1
            for sample in samples {
                guard let timestamp = sample.timestamp else { throw InputError(file: path, reason: "has no time") }
                var labels = sample.labels
                labels["job"] = labels["job"] ?? job
                let key = sample.name + "\u{0}" + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\u{0}")
                if built[key] == nil {
                    built[key] = (sample.name, labels, [], [])
                    keys.append(key)
                }
                built[key]!.timestamps.append(timestamp)
                built[key]!.values.append(sample.value)
            }
        }
        if read == 0, let first = failures.first { throw first }
        return keys.map { key in
            let one = built[key]!
            let order = one.timestamps.indices.sorted { (one.timestamps[$0], $0) < (one.timestamps[$1], $1) }
            var times: [Double] = [], values: [Double] = []
            for index in order {
                if times.last == one.timestamps[index] { values[values.count - 1] = one.values[index] } else {
                    times.append(one.timestamps[index])
                    values.append(one.values[index])
                }
            }
            return MetricSeries(name: one.name, labels: one.labels, timestamps: times, values: values,
                                origin: SeriesOrigin(file: directory, location: one.name))
        }
    }

    private func assertSame(_ kind: SnapshotFolder.Kind, in directory: String, strict: Bool = false,
                            file: StaticString = #filePath, line: UInt = #line) {
        var skipped: [InputError] = []
        var warnings: [InputWarning] = []
        let fast = Result { try SnapshotFolder.load(kind, in: directory, job: "job", strict: strict, skipped: &skipped, warnings: &warnings) }
        let slow = Result { try reference(kind, in: directory, job: "job", strict: strict) }
        switch (fast, slow) {
        case let (.success(fast), .success(slow)):
            XCTAssertEqual(fast.count, slow.count, file: file, line: line)
            for (a, b) in zip(fast, slow) {
                XCTAssertEqual(a.name, b.name, file: file, line: line)
                XCTAssertEqual(a.labels, b.labels, file: file, line: line)
                XCTAssertEqual(a.origin, b.origin, file: file, line: line)
                XCTAssertEqual(a.timestamps.map(\.bitPattern), b.timestamps.map(\.bitPattern), "\(a.name)", file: file, line: line)
                if a.name == "go_memstats_gc_cpu_fraction" {
                    // The one fraction among whole numbers: JSONSerialization's decimal
                    // parsing may differ from the correctly rounded one by an ulp or two.
                    XCTAssertEqual(a.values.count, b.values.count, file: file, line: line)
                    for (x, y) in zip(a.values, b.values) {
                        XCTAssertEqual(x, y, accuracy: abs(y) * 1e-15, "\(a.name)", file: file, line: line)
                    }
                } else {
                    XCTAssertEqual(a.values.map(\.bitPattern), b.values.map(\.bitPattern), "\(a.name)", file: file, line: line)
                }
            }
        case let (.failure(fast), .failure(slow)):
            XCTAssertEqual("\(fast)", "\(slow)", file: file, line: line)
        default:
            XCTFail("fast \(fast), reference \(slow)", file: file, line: line)
        }
    }

    func testRecordingsReadAsFileByFile() {
        for name in Fixtures.recordingNames {
            for kind in [SnapshotFolder.Kind.scrapes, .expvar, .proc] {
                let directory = Fixtures.recording(name) + "/" + kind.rawValue
                guard FileManager.default.fileExists(atPath: directory) else { continue }
                assertSame(kind, in: directory)
            }
        }
    }

    /// Scrapes whose lines change between files: new and vanished series, a changed
    /// HELP and TYPE, CRLF, timestamps, exemplars, special and odd values, duplicates,
    /// a bad file and blank lines.
    func testScrapesOfChangingShape() throws {
        let folder = Fixtures.temporaryFolder()
        let base = try String(contentsOfFile: Fixtures.recording("heapleak") + "/metrics/20261128T073242614Z.prom", encoding: .utf8)
        let variants: [String] = [
            base,
            base.replacingOccurrences(of: "go_goroutines 7", with: "go_goroutines 9"),
            base.replacingOccurrences(of: "go_goroutines 7", with: "go_goroutines 12\nnew_series{a=\"b\"} 1.5e3"),
            base.replacingOccurrences(of: "go_goroutines 7", with: "go_goroutines 12\nnew_series{a=\"b\"} 2.5e3"),
            base.replacingOccurrences(of: "go_goroutines 7", with: "go_goroutines NaN\nnew_series{a=\"b\"} +Inf"),
            base.replacingOccurrences(of: "go_goroutines 7", with: "go_goroutines  -0.5e-3\nnew_series{a=\"b\"} 00012"),
            base.replacingOccurrences(of: "go_goroutines 7", with: "go_goroutines 1e400\nnew_series{a=\"b\"} 123456789012345678"),
            base.replacingOccurrences(of: "go_goroutines 7", with: "go_goroutines 3 1795851170000"),
            base.replacingOccurrences(of: "go_goroutines 7", with: "go_goroutines 4\ngo_goroutines 5"),
            base.replacingOccurrences(of: "go_goroutines 7", with: "go_goroutines 4\ngo_goroutines 5"),
            base.replacingOccurrences(of: "go_goroutines 7", with: "go_goroutines x"),
            base.replacingOccurrences(of: "\n", with: "\r\n"),
            base.replacingOccurrences(of: "# TYPE go_gc_duration_seconds summary", with: "# TYPE go_gc_duration_seconds gauge"),
            base.replacingOccurrences(of: "# TYPE go_gc_duration_seconds summary", with: "# TYPE go_gc_duration_seconds gauge"),
            base.replacingOccurrences(of: "go_goroutines 7", with: "go_goroutines 7 "),
            base + "\n\n",
            base.replacingOccurrences(of: "go_goroutines 7", with: "go_goroutines 7 # {id=\"1\"} 2") + "# EOF\n",
            base.replacingOccurrences(of: "go_goroutines 7", with: "go_goroutines 8 # {id=\"1\"} 2") + "# EOF\n",
            base.replacingOccurrences(of: "go_goroutines 7", with: "go_goroutines 1.") ,
            String(base.dropLast()),
            base.replacingOccurrences(of: "process_resident_memory_bytes 1.5101952e+07", with: "process_resident_memory_bytes NaN"),
            base,
        ]
        for (i, text) in variants.enumerated() {
            let stamp = String(format: "20261128T0733%02d000Z", i)
            try text.write(to: folder.appendingPathComponent("\(stamp).prom"), atomically: true, encoding: .utf8)
        }
        assertSame(.scrapes, in: folder.path)
        assertSame(.scrapes, in: folder.path, strict: true)
    }

    /// Every value token `read` would parse, `plainValue` parses to the same bits.
    func testPlainValueMatchesParseNumber() {
        var state: UInt64 = 11
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let alphabet = Array("0123456789012345678901234567890123456789..eE+-NaInf")
        var tokens = ["NaN", "+Inf", "-Inf", "Inf", "inf", "nan", "0", "-0", "+0", "1e22", "1e23", "9007199254740993", "123456789012345",
                      "1234567890123456", "2.4957e-05", "9.39312e+07", "1.8446744073709552e+19", "1e-22", "1e-23", "5e-324", "1e0400",
                      "0.1e1", ".5", "5.", ".", "-", "+", "e5", "1e", "1e+", "1.2.3", "1e00000000000000000007", "1e-99999",
                      "-.e5", "+.5e", "5e5.", "00000000000000000000000001.5", "-Inf5", "NaN.", "1e5e", "1ee5"]
        for _ in 0..<200_000 { tokens.append(String((0..<(1 + next(14))).map { _ in alphabet[next(alphabet.count)] })) }
        for _ in 0..<50_000 { tokens.append("\(next(1_000_000)).\(next(1000))e\(["", "+", "-"][next(3)])\(next(30))") }
        for token in tokens {
            let plain = Array(token.utf8).withUnsafeBufferPointer { ExpositionReader.plainValue($0) }
            let general = ExpositionReader.parseNumber(token)
            XCTAssertEqual(plain?.bitPattern, general?.bitPattern, token)
            let valid = Array(token.utf8).withUnsafeBufferPointer { ExpositionReader.plainValue($0, needed: false) }
            XCTAssertEqual(valid != nil, general != nil, token)
        }
    }

    /// Bodies the JSONScanner path reads give what JSONSerialization gives; the ones it
    /// leaves alone still fail with JSONSerialization's message.
    func testExpvarMatchesFoundation() throws {
        let real = try String(contentsOfFile: try FileManager.default.contentsOfDirectory(atPath: Fixtures.recording("heapleak") + "/expvar")
            .sorted().last.map { Fixtures.recording("heapleak") + "/expvar/" + $0 }!, encoding: .utf8)
        let bodies = [
            real,
            real.replacingOccurrences(of: "\"HeapAlloc\":", with: "\"HeapAlloc\":0"),
            real.replacingOccurrences(of: "\"NumForcedGC\":0", with: "\"NumForcedGC\":01"),
            real.replacingOccurrences(of: "\"NumForcedGC\":0", with: "\"NumForcedGC\":1e999"),
            real.replacingOccurrences(of: "\"NumForcedGC\":0", with: "\"NumForcedGC\":1e-999"),
            real.replacingOccurrences(of: "\"Sys\":", with: "\"Sys\":1,\"Sys\":"),
            real.replacingOccurrences(of: "\"Sys\":", with: "\"Sys\":1.5,\"X\":"),
            real.replacingOccurrences(of: "\"Sys\":", with: "\"Sys\":true,\"X\":"),
            real.replacingOccurrences(of: "\"Sys\":", with: "\"Sys\":-0,\"X\":"),
            real.replacingOccurrences(of: "\"Sys\":", with: "\"Sys\":12345678901234567890,\"X\":"),
            real.replacingOccurrences(of: "\"Sys\":", with: "\"\\u0053ys\":"),
            real.replacingOccurrences(of: "\"Sys\":", with: "\"Sÿs\":1,\"Sys\":"),
            real.replacingOccurrences(of: "\"mode\"", with: "\"memstats\": {}, \"mode\""),
            real.replacingOccurrences(of: "heapleak", with: "h\u{e9}apleak"),
            real.replacingOccurrences(of: "\"memstats\"", with: "\"memstat\""),
            "\u{FEFF}" + real,
            real + "x",
            "[" + real + "]",
            "",
        ]
        for (i, body) in bodies.enumerated() {
            var bytes = Array(body.utf8)
            if i == bodies.count - 1 { bytes = Array(real.utf8) + [0xFF] }
            let fast = Result { try ExpvarReader.read(bytes, file: "f", time: 1) }
            let slow = Result { try ExpvarReader.readWithFoundation(bytes, file: "f", time: 1) }
            switch (fast, slow) {
            case let (.success(a), .success(b)):
                XCTAssertEqual(a.map(\.name), b.map(\.name), "body \(i)")
                XCTAssertEqual(a.map(\.value.bitPattern), b.map(\.value.bitPattern), "body \(i)")
            case let (.failure(a), .failure(b)):
                XCTAssertEqual("\(a)", "\(b)", "body \(i)")
            default:
                XCTFail("body \(i): fast \(fast), Foundation \(slow)")
            }
        }
    }
}
