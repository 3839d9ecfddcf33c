import Foundation
import XCTest

/// Compares text with a golden file under Tests/Gold. Writes the golden file instead
/// when it is missing or when RECORD_GOLDEN=1 is set, and then fails so a recording
/// run is never mistaken for a passing one.
public func assertGolden(_ text: String, _ relativePath: String, scrub: (String) -> String = { $0 },
                         file: StaticString = #filePath, line: UInt = #line) {
    let url = Fixtures.goldFolder.appendingPathComponent(relativePath)
    let actual = scrub(text)
    let record = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1"
    guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? actual.write(to: url, atomically: true, encoding: .utf8)
        XCTFail("recorded golden file \(relativePath); run again to compare", file: file, line: line)
        return
    }
    if expected != actual {
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let firstDifference = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(expectedLines.count, actualLines.count)
        let show = { (lines: [Substring]) in firstDifference < lines.count ? String(lines[firstDifference].prefix(300)) : "<end>" }
        XCTFail("""
            \(relativePath) differs from the golden file at line \(firstDifference + 1) (RECORD_GOLDEN=1 to accept):
              expected: \(show(expectedLines))
              actual:   \(show(actualLines))
            """, file: file, line: line)
    }
}
