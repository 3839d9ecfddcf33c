import Markdown
import XCTest

final class MarkdownRendererTests: XCTestCase {
    func testCommonMark() {
        XCTAssertEqual(MarkdownRenderer.html("# Title\n\nSome *emphasis* and `code`.\n"),
                       "<h1>Title</h1>\n<p>Some <em>emphasis</em> and <code>code</code>.</p>\n")
        XCTAssertEqual(MarkdownRenderer.html("- a\n- b\n"), "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n")
    }

    func testSafeModeDropsRawHTMLAndScriptLinks() {
        let html = MarkdownRenderer.html("""
            <script>alert(1)</script>

            Click [here](javascript:alert(1)) or <img src=x onerror=alert(1)>.

            [ok](https://example.invalid/page)
            """)
        XCTAssertFalse(html.contains("<script"), html)
        XCTAssertFalse(html.contains("javascript:"), html)
        XCTAssertFalse(html.contains("<img"), html)
        XCTAssertTrue(html.contains("<!-- raw HTML omitted -->"), html)
        XCTAssertTrue(html.contains("<a href=\"\">here</a>"), html)
        XCTAssertTrue(html.contains("<a href=\"https://example.invalid/page\">ok</a>"), html)
    }

    func testTextIsEscapedAndInvalidUTF8Survives() {
        // Smart punctuation is on: straight quotes become curly ones.
        XCTAssertEqual(MarkdownRenderer.html("a < b & \"c\""), "<p>a &lt; b &amp; “c”</p>\n")
        let invalid = String(decoding: [0x61, 0xFF, 0x62] as [UInt8], as: UTF8.self)
        XCTAssertEqual(MarkdownRenderer.html(invalid), "<p>a\u{FFFD}b</p>\n")
        XCTAssertEqual(MarkdownRenderer.html(""), "")
    }

    func testManyRendersDoNotGrowMemory() {
        // Each call frees its document and buffer; a leak of a few KB per call over
        // 20,000 calls would show as tens of MB of growth.
        let text = String(repeating: "Some **Markdown** with a [link](https://x.invalid).\n\n", count: 20)
        let before = residentBytes()
        for _ in 0..<20_000 { _ = MarkdownRenderer.html(text) }
        let growth = residentBytes() - before
        XCTAssertLessThan(growth, 16 * 1024 * 1024, "RSS grew by \(growth) bytes")
    }

    private func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kB = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kB * 1024
    }
}
