@testable import Render
import TestSupport
import XCTest

/// The running header of printed pages sits in a CSS string inside `<style>`: no value
/// can end the string or the element.
final class PrintHeaderTests: XCTestCase {
    func testHostileTextStaysInsideTheCSSString() {
        let escaped = CSSString.escape("api\"</style><script>alert(1)</script>\\\n\u{202E}")
        XCTAssertEqual(escaped, "api\\\"\\3C /style\\3E \\3C script\\3E alert(1)\\3C /script\\3E \\\\\\A \\\\u202E")
        XCTAssertFalse(escaped.contains("<"))
        XCTAssertFalse(escaped.contains("\"") && !escaped.contains("\\\""))
    }

    func testHeaderNamesTheRecordingAndWindow() throws {
        let html = try ReportPageTests.render(Fixtures.recording("heapleak")).html
        XCTAssertTrue(html.contains("@page { @top-left { content: \"Go memory: heapleak · 2026-11-28 07:32:43 UTC – 07:37:37 UTC\";"))
    }
}
