@testable import Ingest
import MemoryModel
import TestSupport
import XCTest

final class PrometheusRangeReaderTests: XCTestCase {
    func testReadsRealHeapleakAnswer() throws {
        let path = Fixtures.queryRange("heapleak")
        let series = try PrometheusRangeReader.read(Fixtures.bytes(path), file: path)

        // 121 series: 77 names, some with several label sets (quantiles, buckets).
        XCTAssertEqual(series.count, 121)
        XCTAssertEqual(Set(series.map(\.name)).count, 77)
        XCTAssertTrue(series.allSatisfy { $0.timestamps.count == 148 && $0.values.count == 148 })

        // data.result[63]: go_memory_classes_heap_objects_bytes, 4274592 → 69037952.
        let heapObjects = series[63]
        XCTAssertEqual(heapObjects.name, "go_memory_classes_heap_objects_bytes")
        XCTAssertEqual(heapObjects.labels, ["job": "heapleak", "instance": "127.0.0.1:46027"])
        XCTAssertEqual(heapObjects.timestamps.first, 1795851163.588)
        XCTAssertEqual(heapObjects.timestamps.last, 1795851457.588)
        XCTAssertEqual(heapObjects.values.first, 4274592)
        XCTAssertEqual(heapObjects.values.last, 69037952)
        XCTAssertEqual(heapObjects.unit, .bytes)
        XCTAssertEqual(heapObjects.origin, SeriesOrigin(file: path, location: "data.result[63]"))

        // data.result[117]: RSS, 16543744 → 114905088.
        XCTAssertEqual(series[117].name, "process_resident_memory_bytes")
        XCTAssertEqual(series[117].values.first, 16543744)
        XCTAssertEqual(series[117].values.last, 114905088)

        // data.result[8]: a summary quantile keeps its extra label and fractional values.
        XCTAssertEqual(series[8].name, "go_gc_duration_seconds")
        XCTAssertEqual(series[8].labels["quantile"], "1")
        XCTAssertEqual(series[8].values.first, 0.001231523)
        XCTAssertEqual(series[8].unit, .seconds)
    }

    func testSpecialValuesAndEscapes() throws {
        let json = #"""
            {"status":"success","data":{"resultType":"matrix","result":[
              {"metric":{"__name__":"x_bytes","job":"a\"b\\c\u00e9\ud83d\ude00","instance":"h:1"},
               "values":[[1,"NaN"],[2,"+Inf"],[3,"-Inf"],[4.5,"1e3"],[5,"-0.25"]]}]}}
            """#
        let series = try PrometheusRangeReader.read(Array(json.utf8), file: "inline.json")
        XCTAssertEqual(series.count, 1)
        XCTAssertEqual(series[0].labels["job"], "a\"b\\cé😀")
        XCTAssertTrue(series[0].values[0].isNaN)
        XCTAssertEqual(series[0].values[1], .infinity)
        XCTAssertEqual(series[0].values[2], -.infinity)
        XCTAssertEqual(series[0].values[3], 1000)
        XCTAssertEqual(series[0].values[4], -0.25)
        XCTAssertEqual(series[0].timestamps, [1, 2, 3, 4.5, 5])
    }

    func testEnvelopeKeepsWarningsAndErrorsVerbatim() throws {
        let answer = #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"x"},"values":[[1,"2"]]}]},"warnings":["remote_read: \"down\"","second"]}"#
        let envelope = try PrometheusRangeReader.envelope(Array(answer.utf8), file: "a.json")
        XCTAssertEqual(envelope, PrometheusRangeReader.Envelope(status: "success", errorType: nil, error: nil, warnings: ["remote_read: \"down\"", "second"]))
        XCTAssertEqual(try PrometheusRangeReader.read(Array(answer.utf8), file: "a.json").count, 1)
        let failure = #"{"status":"error","errorType":"execution","error":"query processing would load too many samples into memory in query execution"}"#
        let failed = try PrometheusRangeReader.envelope(Array(failure.utf8), file: "b.json")
        XCTAssertEqual(failed.errorType, "execution")
        XCTAssertEqual(failed.error, "query processing would load too many samples into memory in query execution")
        XCTAssertThrowsError(try PrometheusRangeReader.envelope(Array("Unauthorized\n".utf8), file: "c"))
    }

    func testPrometheusErrorAnswerIsReportedWithItsType() {
        assertInputError(Fixtures.bad("prometheus-error.json"), location: nil,
                         contains: "Prometheus answered with an error (bad_data): invalid parameter \"query\"")
    }

    func testNotJSONNamesByteOffset() {
        assertInputError(Fixtures.bad("not-json.json"), location: "byte 0", contains: "not valid JSON")
    }

    func testTruncatedNamesByteOffset() {
        assertInputError(Fixtures.bad("truncated.json"), location: "byte 5000", contains: "not valid JSON")
    }

    func testEmptyFile() {
        assertInputError(Fixtures.bad("empty.json"), location: nil, contains: "the file is empty")
    }

    func testVectorIsNotARangeAnswer() {
        assertInputError(Fixtures.bad("vector.json"), location: "data.resultType", contains: "expected \"matrix\"")
    }

    func testTimestampsOutOfOrderAreSortedWithAWarning() throws {
        // heap_free (data.result[0]) has values 10 and 11 swapped; heap_objects
        // (data.result[1]) gives values[20] twice.
        let path = Fixtures.derived("out-of-order.json")
        let recording = try RecordingFolder.load(path: path)
        XCTAssertEqual(recording.warnings, [
            InputWarning(file: path, location: "data.result[0]",
                         reason: "go_memory_classes_heap_free_bytes: 1 sample out of time order (sorted); the first at Unix time 1795851183.588, after 1795851185.588"),
            InputWarning(file: path, location: "data.result[1]",
                         reason: "go_memory_classes_heap_objects_bytes: 1 duplicate timestamp (kept the value read last); the first at Unix time 1795851203.588, after 1795851203.588"),
        ])
        let series = recording.instances[0].series
        let clean = try RecordingFolder.load(path: Fixtures.recording("heapleak")).instances[0]
        for name in ["go_memory_classes_heap_free_bytes", "go_memory_classes_heap_objects_bytes"] {
            let repaired = try XCTUnwrap(series.first { $0.name == name })
            let original = try XCTUnwrap(clean.series(named: name))
            XCTAssertEqual(repaired.timestamps, original.timestamps, name)
            XCTAssertEqual(repaired.values, original.values, name)
        }
    }

    func testHostileShapesFailCleanly() {
        let cases: [(String, String)] = [
            (#"{"status":"success","data":{"resultType":"matrix","result":[],"x":"# + String(repeating: "[", count: 100_000), "nested more than 256 levels"),
            ("[]", "expected a JSON object"),
            (#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"x"]]}]}}"#, "not a number"),
            (#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"1"]]}]}} trailing"#, "after the JSON value"),
            (#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"a":"\ud800"},"values":[]}]}}"#, "surrogate"),
            (#"{"data":{"resultType":"matrix","result":[]}}"#, "missing"),
            (#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1e400,"1"]]}]}}"#, "outside the years 1970–9999"),
            (#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[884541340800,"1"]]}]}}"#, "outside the years 1970–9999"),
        ]
        for (json, expected) in cases {
            XCTAssertThrowsError(try PrometheusRangeReader.read(Array(json.utf8), file: "hostile.json")) { error in
                let error = error as? InputError
                XCTAssertEqual(error?.file, "hostile.json")
                XCTAssertTrue(error?.description.contains(expected) == true, "\(String(describing: error)) lacks \(expected)")
            }
        }
    }

    private func assertInputError(_ path: String, location: String?, contains text: String, line: UInt = #line) {
        XCTAssertThrowsError(try PrometheusRangeReader.read(Fixtures.bytes(path), file: path), line: line) { error in
            guard let error = error as? InputError else { return XCTFail("not an InputError: \(error)", line: line) }
            XCTAssertEqual(error.file, path, line: line)
            XCTAssertEqual(error.location, location, line: line)
            XCTAssertTrue(error.reason.contains(text), "\(error.reason) lacks \(text)", line: line)
            XCTAssertFalse(error.description.contains("\n"), line: line)
        }
    }
}

/// The scanner's fast number path must give exactly what strtod gives.
final class JSONNumberTests: XCTestCase {
    func testFastPathMatchesStrtod() {
        var state: UInt64 = 42
        var texts = ["0", "-0", "1795851163.588", "0.1", "0.3", "123456789012345", "1234567890123456", "-2.5", "4.274592e+06",
                     "1e3", "9007199254740993", "0.000024957", "18446744073709551616", "3.14159265358979"]
        for _ in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let whole = state >> 40
            let frac = (state >> 8) % 1000
            texts.append("\(whole).\(String(format: "%03d", frac))")
            texts.append("\(state >> 14)")
        }
        for text in texts {
            let bytes = Array(text.utf8)
            let fast = bytes.withUnsafeBufferPointer { JSONScanner.parseDouble($0) }
            XCTAssertEqual(fast.bitPattern, strtod(text, nil).bitPattern, text)
        }
    }

    /// The one-pass sample reader agrees with the general path on every plain sample, and
    /// leaves every other form to it, unmoved.
    func testPlainSampleMatchesGeneralPath() {
        var state: UInt64 = 7
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 11
        }
        var samples: [(time: String, value: String)] = [
            ("1795851163.588", "69037952"), ("0", "0"), ("1", "1.5"), ("123456789012345", "1"), ("1234567890123456", "1"),
            ("1.23456789012345", "1"), ("1795851163.588", "123456789012345"), ("1795851163.588", "1234567890.12345"),
            ("1795851163.588", "1234567890123456"), ("1795851163.5880", "0.000001"), ("00000001", "007"),
            ("1795851163.", "1"), ("1795851163.588", "1."), ("1795851163.588", ".5"), ("-1", "1"), ("1", "-1"),
            ("1e9", "1"), ("1", "1e3"), ("1", "NaN"), ("1", "+Inf"), ("1", ""), ("", "1"), ("1.2.3", "1"), ("1", "1.2.3"),
        ]
        for _ in 0..<20_000 {
            let digits = Int(next() % 16) + 1
            let point = Int(next() % UInt64(digits + 1))
            var text = String(next() % 10_000_000_000_000_000).padding(toLength: digits, withPad: "7", startingAt: 0)
            if point > 0 && point < digits { text.insert(".", at: text.index(text.startIndex, offsetBy: point)) }
            samples.append(("\(1_795_851_163 + next() % 10_000_000).\(next() % 1000)", text))
            samples.append((text, "\(next() % 100_000_000_000)"))
        }
        for (time, value) in samples {
            for text in ["[\(time),\"\(value)\"]", "[\(time),\"\(value)\"],[1,\"2\"]]", "[\(time), \"\(value)\"]"] {
                let bytes = Array(text.utf8)
                bytes.withUnsafeBufferPointer { buffer in
                    var scanner = JSONScanner(buffer)
                    let plain = scanner.readPlainSample()
                    let isPlain = !text.contains(" ") && [time, value].allSatisfy { part in
                        let pieces = part.split(separator: ".", omittingEmptySubsequences: false)
                        return pieces.count <= 2 && pieces.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isWholeNumber) }
                            && part.filter(\.isWholeNumber).count <= 15
                    }
                    guard let plain, isPlain else {
                        XCTAssertNil(plain, text)
                        XCTAssertFalse(isPlain, text)
                        XCTAssertEqual(scanner.offset, 0, text)
                        return
                    }
                    XCTAssertEqual(plain.time.bitPattern, strtod(time, nil).bitPattern, text)
                    XCTAssertEqual(plain.value.bitPattern, strtod(value, nil).bitPattern, text)
                    XCTAssertEqual(scanner.offset, time.utf8.count + value.utf8.count + 5, text)
                }
            }
        }
    }
}
