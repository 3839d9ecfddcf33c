import Foundation
import Ingest
import MemoryModel
import TestSupport
import XCTest

/// Readers say which cap an input went past and leave the flag that raises it to the
/// command line (`InputError.exceeded`): no Ingest error names a CLI option.
final class ExceededLimitTests: XCTestCase {
    private func refusal(_ work: () throws -> Void) -> InputError? {
        do { try work() } catch let error as InputError { return error } catch { XCTFail("\(error)") }
        return nil
    }

    func testEachCapIsNamedWithoutAFlag() throws {
        let answer = Fixtures.bytes(Fixtures.recording("heapleak") + "/prometheus/query_range.json")
        var few = InputLimits.standard
        few.maximumSeries = 3
        var short = InputLimits.standard
        short.maximumLineBytes = 8
        let heap = Fixtures.bytes(Fixtures.recording("heapleak") + "/pprof/heap-20261128T073242588Z.pb.gz")
        let cases: [(ExceededLimit, InputError?)] = [
            (.series, refusal { _ = try PrometheusRangeReader.read(answer, file: "q.json", limits: few) }),
            (.lineBytes, refusal { _ = try PrometheusRangeReader.read(answer, file: "q.json", limits: short) }),
            (.profileBytes, refusal { _ = try ProfileReader.read(heap, file: "heap.pb.gz", maximumBytes: 1024) }),
            (.inputBytes, refusal { _ = try InputFile.bytes(Fixtures.recording("heapleak") + "/prometheus/query_range.json", maximumBytes: 100) }),
        ]
        for (limit, error) in cases {
            let error = try XCTUnwrap(error, "\(limit)")
            XCTAssertEqual(error.exceeded, limit, error.description)
            XCTAssertFalse(error.description.contains("--"), error.description)
        }
        // Malformed input is not a cap.
        XCTAssertNil(try XCTUnwrap(refusal { _ = try PrometheusRangeReader.read(Array("{".utf8), file: "q.json") }).exceeded)
    }
}
