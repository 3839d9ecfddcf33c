@testable import LiveQuery
import Ingest
import XCTest

/// The query plan of a live report: names × selector, time range, step.
final class PrometheusQueryPlanTests: XCTestCase {
    func testAutoStepKeepsAbout2000Points() {
        let expected: [(Double, String)] = [
            (90, "1s"), (30 * 60, "1s"), (3_600, "2s"), (6 * 3_600, "15s"), (12 * 3_600, "30s"), (86_400, "1m"),
            (2 * 86_400, "2m"), (604_800, "5m"), (30 * 86_400, "30m"), (90 * 86_400, "2h"), (365 * 86_400, "6h"),
            (5 * 365 * 86_400, "1d"), (20 * 365 * 86_400, "4d"),
        ]
        for (range, step) in expected {
            let chosen = PrometheusQueryPlan.autoStep(range: range)
            XCTAssertEqual(PrometheusQueryPlan.format(seconds: chosen), step, "range \(range) s")
            XCTAssertLessThanOrEqual(range / chosen + 1, Double(PrometheusQueryPlan.autoPoints), "range \(range) s")
        }
    }

    func testQueriesAreNamePlusSelector() throws {
        let plan = try PrometheusQueryPlan(names: ["a_bytes", "b_bytes"], selector: " {job=\"api\"} ", start: 0, end: 3_600, step: nil)
        XCTAssertEqual(plan.queries.map(\.promQL), ["a_bytes{job=\"api\"}", "b_bytes{job=\"api\"}"])
        XCTAssertEqual(plan.queries.map(\.name), ["a_bytes", "b_bytes"])
        XCTAssertEqual(plan.step, 2)
        for bare in ["", "{}"] {
            let plain = try PrometheusQueryPlan(names: ["a_bytes"], selector: bare, start: 0, end: 60, step: 15)
            XCTAssertEqual(plain.queries.map(\.promQL), ["a_bytes"])
        }
    }

    func testRefusesWhatTheServerWould() {
        XCTAssertThrowsError(try PrometheusQueryPlan(names: ["a"], selector: "job=\"api\"", start: 0, end: 60, step: nil)) {
            XCTAssertTrue("\($0)".hasPrefix("--selector must be a label selector in braces"))
        }
        XCTAssertThrowsError(try PrometheusQueryPlan(names: ["a"], selector: "", start: 60, end: 60, step: nil))
        XCTAssertThrowsError(try PrometheusQueryPlan(names: ["a"], selector: "", start: 0, end: 60, step: 0.5))
        // 11,000 steps pass, as Prometheus lets them; one more does not.
        XCTAssertNoThrow(try PrometheusQueryPlan(names: ["a"], selector: "", start: 0, end: 11_000, step: 1))
        XCTAssertThrowsError(try PrometheusQueryPlan(names: ["a"], selector: "", start: 0, end: 11_001, step: 1)) {
            XCTAssertEqual("\($0)", "--step 1s over 11001s makes 11002 points per series; Prometheus allows at most 11,000: use a larger --step (or --step auto) or a shorter window")
        }
    }

    func testDurations() {
        let cases: [(String, Double?)] = [
            ("90s", 90), ("30m", 1_800), ("6h", 21_600), ("2d", 172_800), ("1w", 604_800), ("1y", 31_536_000),
            ("1h30m", 5_400), ("500ms", 0.5), ("1.5h", 5_400),
            ("", nil), ("6", nil), ("h", nil), ("30m1h", nil), ("0s", nil), ("-5m", nil), ("6 h", nil), ("5x", nil),
        ]
        for (text, seconds) in cases {
            XCTAssertEqual(TimeRangeParser.duration(text), seconds, text)
        }
    }

    func testInstants() {
        let cases: [(String, Double?)] = [
            ("2026-11-28T07:32:45.114Z", 1_795_851_165.114), ("2026-11-28T07:32:45Z", 1_795_851_165),
            ("2026-11-28 07:32:45z", 1_795_851_165), ("2026-11-28T08:32:45+01:00", 1_795_851_165),
            ("2026-11-28T02:02:45-05:30", 1_795_851_165), ("1795851165", 1_795_851_165), ("1795851165.5", 1_795_851_165.5),
            ("1970-01-01T00:00:00Z", 0), ("2024-02-29T00:00:00Z", 1_709_164_800),
            ("2026-02-29T00:00:00Z", nil), ("2026-11-28T07:32:45", nil), ("2026-11-28", nil), ("2026-13-01T00:00:00Z", nil),
            ("2026-11-28T24:00:00Z", nil), ("2026-11-28T07:32:45.Z", nil), ("1e9", nil), ("now", nil), ("", nil),
        ]
        for (text, seconds) in cases {
            guard let seconds else {
                XCTAssertNil(TimeRangeParser.instant(text), text)
                continue
            }
            XCTAssertEqual(TimeRangeParser.instant(text) ?? -1, seconds, accuracy: 1e-6, text)
        }
    }

    /// `--since 6h`, `--base-until 1w`: a duration counts back from the reference; a time is itself.
    func testTimeIsADurationBeforeTheReferenceOrAnInstant() {
        let reference = 1_795_851_163.0
        XCTAssertEqual(TimeRangeParser.time("1w", before: reference), reference - 604_800)
        XCTAssertEqual(TimeRangeParser.time("1h30m", before: reference), reference - 5_400)
        XCTAssertEqual(TimeRangeParser.time("2026-11-28T07:32:00Z", before: reference), TimeRangeParser.instant("2026-11-28T07:32:00Z"))
        XCTAssertEqual(TimeRangeParser.time("1795851000", before: reference), 1_795_851_000, "digits alone are a Unix time, not a duration")
        XCTAssertNil(TimeRangeParser.time("yesterday", before: reference))
    }

    func testFormBodyEscapesEverythingButUnreservedCharacters() {
        let body = PrometheusClient.formBody([("query", "go_x{job=\"a b\",instance=~\"10.0.0.7:80|é\"}"), ("step", "15")])
        XCTAssertEqual(String(decoding: body, as: UTF8.self),
                       "query=go_x%7Bjob%3D%22a%20b%22%2Cinstance%3D~%2210.0.0.7%3A80%7C%C3%A9%22%7D&step=15")
    }
}
