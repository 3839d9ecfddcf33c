@testable import Render
import Testing

@Suite struct FormattingTests {
    @Test func bytes() {
        #expect(ByteFormat.string(0) == "0 B")
        #expect(ByteFormat.string(1023) == "1023 B")
        #expect(ByteFormat.string(1024) == "1.0 KiB")
        #expect(ByteFormat.string(18_117_896) == "17.3 MiB")
        #expect(ByteFormat.string(116_572_440) == "111 MiB")
        #expect(ByteFormat.string(5_491_323_752) == "5.1 GiB")
        #expect(ByteFormat.string(-1_667_352) == "−1.6 MiB")
        #expect(ByteFormat.signed(1_048_576) == "+1.0 MiB")
        #expect(ByteFormat.exact(18_117_896) == "18,117,896 bytes")
        #expect(ByteFormat.exact(-1_667_352) == "−1,667,352 bytes")
        #expect(ByteFormat.string(.nan) == "NaN")
    }

    @Test func manySourceFilesOfOneFolderReadAsAPattern() {
        let answers = (1...35).map { "prometheus/go_\($0).json" }
        #expect(ReportPage.compact(sourceFiles: answers + ["proc/*.status"]) == ["prometheus/*.json (35 files)", "proc/*.status"])
        let few = ["prometheus/query_range.json", "prometheus/b.json", "prometheus/c.json"]
        #expect(ReportPage.compact(sourceFiles: few) == few)
        #expect(ReportPage.compact(sourceFiles: ["query_range.json", "metrics/*.prom"]) == ["query_range.json", "metrics/*.prom"])
    }

    @Test func utcTime() {
        let t = UTCTime(unixSeconds: 1795851163.588)
        #expect(t.rfc3339 == "2026-11-28T07:32:43.588Z")
        #expect(t.readable == "2026-11-28 07:32:43 UTC")
        #expect(UTCTime(unixSeconds: 0).rfc3339 == "1970-01-01T00:00:00Z")
        #expect(UTCTime(unixSeconds: 951_782_400).rfc3339 == "2000-02-29T00:00:00Z")
        #expect(UTCTime(unixSeconds: -1).rfc3339 == "1969-12-31T23:59:59Z")
        // Out-of-range input is clamped, not trapped on.
        #expect(UTCTime(unixSeconds: 1e300).year == 9999)
        #expect(DurationFormat.string(seconds: 294) == "4 min 54 s")
        #expect(DurationFormat.string(seconds: 7 * 86400 + 3600) == "7 d 1 h")
    }

    @Test func axisTicks() {
        let ticks = AxisTicks.bytes(maximum: 116_572_440)
        #expect(ticks.unit == .mebibytes)
        #expect(ticks.step == 20 * 1_048_576)
        #expect(ticks.top == 120 * 1_048_576)
        let gib = AxisTicks.bytes(maximum: 5_491_323_752)
        #expect(gib.unit == .gibibytes)
        #expect(gib.step == 1_073_741_824)
        #expect(gib.top == 6 * 1_073_741_824)
        let times = AxisTicks.times(start: 1795851163.588, end: 1795851457.588)
        #expect(times.step == 60)
        #expect(times.ticks.count == 5)
        #expect(AxisTicks.timeLabel(times.ticks[0], step: 60, span: 294) == "07:33")
        let week = AxisTicks.times(start: 1795851163.588, end: 1795851163.588 + 7 * 86400)
        #expect(week.step == 86400)
        #expect(AxisTicks.timeLabel(week.ticks[0], step: week.step, span: 7 * 86400) == "11-29")
    }

    @Test func escaping() {
        #expect(HTMLEscaping.escape(#"<a href="x">'&'</a>"#) == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
    }
}
