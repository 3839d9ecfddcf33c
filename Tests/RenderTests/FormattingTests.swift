@testable import Render
import XCTest

final class FormattingTests: XCTestCase {
    func testBytes() {
        XCTAssertEqual(ByteFormat.string(0), "0 B")
        XCTAssertEqual(ByteFormat.string(1023), "1023 B")
        XCTAssertEqual(ByteFormat.string(1024), "1.0 KiB")
        XCTAssertEqual(ByteFormat.string(18_117_896), "17.3 MiB")
        XCTAssertEqual(ByteFormat.string(116_572_440), "111 MiB")
        XCTAssertEqual(ByteFormat.string(5_491_323_752), "5.1 GiB")
        XCTAssertEqual(ByteFormat.string(-1_667_352), "−1.6 MiB")
        XCTAssertEqual(ByteFormat.signed(1_048_576), "+1.0 MiB")
        XCTAssertEqual(ByteFormat.exact(18_117_896), "18,117,896 bytes")
        XCTAssertEqual(ByteFormat.exact(-1_667_352), "−1,667,352 bytes")
        XCTAssertEqual(ByteFormat.string(.nan), "NaN")
    }

    func testUTCTime() {
        let t = UTCTime(unixSeconds: 1795851163.588)
        XCTAssertEqual(t.rfc3339, "2026-11-28T07:32:43.588Z")
        XCTAssertEqual(t.readable, "2026-11-28 07:32:43 UTC")
        XCTAssertEqual(UTCTime(unixSeconds: 0).rfc3339, "1970-01-01T00:00:00Z")
        XCTAssertEqual(UTCTime(unixSeconds: 951_782_400).rfc3339, "2000-02-29T00:00:00Z")
        XCTAssertEqual(UTCTime(unixSeconds: -1).rfc3339, "1969-12-31T23:59:59Z")
        XCTAssertEqual(DurationFormat.string(seconds: 294), "4 min 54 s")
        XCTAssertEqual(DurationFormat.string(seconds: 7 * 86400 + 3600), "7 d 1 h")
    }

    func testAxisTicks() {
        let ticks = AxisTicks.bytes(maximum: 116_572_440)
        XCTAssertEqual(ticks.unit, .mebibytes)
        XCTAssertEqual(ticks.step, 20 * 1_048_576)
        XCTAssertEqual(ticks.top, 120 * 1_048_576)
        let times = AxisTicks.times(start: 1795851163.588, end: 1795851457.588)
        XCTAssertEqual(times.step, 60)
        XCTAssertEqual(times.ticks.count, 5)
        XCTAssertEqual(AxisTicks.timeLabel(times.ticks[0], step: 60, span: 294), "07:33")
    }

    func testEscaping() {
        XCTAssertEqual(HTMLEscaping.escape(#"<a href="x">'&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
    }
}
