@testable import Render
import XCTest

/// The site index's sparkline: one line through every sample, however few, and a break
/// only where a sample is missing.
final class SparklineTests: XCTestCase {
    func testFewSamplesDrawOneLineAndGapsBreakIt() {
        // 61 samples over 120 columns (a 5-minute recording at 5 s): one M, then only L.
        let times = (0..<61).map { Double($0) * 5 }
        let line = Sparkline(title: "t", timestamps: times, goMemory: times.map { 1000 + $0 }, rss: times.map { _ in nil }).svg()
        let path = line.range(of: #"d="[^"]*""#, options: .regularExpression).map { String(line[$0]) } ?? ""
        XCTAssertEqual(path.filter { $0 == "M" }.count, 1, path)
        XCTAssertEqual(path.filter { $0 == "L" }.count, 60, path)
        XCTAssertFalse(line.contains("stroke=\"#c0392b\""), "no RSS line without RSS")

        // RSS missing for samples 20…29: the RSS line breaks there, and only there.
        let rss: [Double?] = times.indices.map { (20..<30).contains($0) ? nil : 900 }
        let broken = Sparkline(title: "t", timestamps: times, goMemory: times.map { _ in 1000 }, rss: rss).svg()
        let rssPath = broken.range(of: ##"<path d="[^"]*" fill="none" stroke="#c0392b""##, options: .regularExpression).map { String(broken[$0]) } ?? ""
        XCTAssertEqual(rssPath.filter { $0 == "M" }.count, 2, rssPath)
    }
}
