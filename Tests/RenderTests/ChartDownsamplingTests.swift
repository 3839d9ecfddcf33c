@testable import Render
import XCTest

/// A week of 10-second samples draws at most a few points per pixel column, and still
/// shows a two-sample spike and dip.
final class ChartDownsamplingTests: XCTestCase {
    func testWeekLongSeriesKeepsSpikesAndDipsAndStaysSmall() {
        let count = 7 * 24 * 360
        let timestamps = (0..<count).map { 1_795_851_163 + Double($0) * 10 }
        var values = [Double](repeating: 100 * 1_048_576, count: count)
        values[30_000] = 400 * 1_048_576; values[30_001] = 400 * 1_048_576     // a 20-second spike
        values[45_000] = 10 * 1_048_576; values[45_001] = 10 * 1_048_576       // and a dip
        let chart = StackedAreaChart(
            title: "week", timestamps: timestamps,
            layers: [.init(name: "Heap", color: "#000", values: values.map { $0 / 2 })],
            lines: [.init(name: "RSS", color: "#c00", style: .solid, values: values)])
        let svg = chart.svg()
        // y of 400 MiB and of 10 MiB on the 0…400 MiB axis, as the chart writes them.
        XCTAssertTrue(svg.contains(" 14L") || svg.contains(" 14\""), "the spike is drawn")
        let plotBottom = 380.0 - 46, plotHeight = 380.0 - 14 - 46
        let dipY = plotBottom - 10.0 / 400 * plotHeight
        let rounded = (dipY * 10).rounded() / 10
        let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
        XCTAssertTrue(svg.contains(" \(text)L") || svg.contains(" \(text)\""), "the dip is drawn at \(text)")
        XCTAssertTrue(svg.contains("<title>RSS: 10.0 MiB – 400 MiB</title>"))
        // At most two points per column for the line and one for each area edge.
        XCTAssertLessThan(svg.utf8.count, 120_000)
    }
}

/// A gap longer than 2.5 sampling steps is drawn as a gap, never bridged.
final class ChartGapTests: XCTestCase {
    func testGapsAreNotInterpolated() {
        // 2-second samples with a 60-second hole in the middle.
        let timestamps = (0..<60).map { Double($0) * 2 } + (0..<60).map { 180 + Double($0) * 2 }
        let values = timestamps.map { _ in 50.0 * 1_048_576 }
        let chart = StackedAreaChart(
            title: "gap", timestamps: timestamps,
            layers: [.init(name: "Heap", color: "#000", values: values)],
            lines: [.init(name: "RSS", color: "#c00", style: .solid, values: values.map { Optional($0) })])
        let svg = chart.svg()
        let area = svg.components(separatedBy: "<g class=\"areas\">")[1].components(separatedBy: "</g>")[0]
        let line = svg.components(separatedBy: "<g class=\"lines\" fill=\"none\">")[1].components(separatedBy: "</g>")[0]
        func moves(_ path: String) -> Int {
            zip(path, path.dropFirst()).filter { $0 == "M" && $1.isNumber }.count
        }
        XCTAssertEqual(moves(area), 2, "two shapes around the gap")
        XCTAssertEqual(area.components(separatedBy: "Z").count - 1, 2)
        XCTAssertEqual(moves(line), 2, "the line lifts the pen over the gap")
        // Without a gap: one shape, one stroke.
        let steady = (0..<120).map { Double($0) * 2 }
        let whole = StackedAreaChart(title: "no gap", timestamps: steady, layers: [.init(name: "Heap", color: "#000", values: values)],
                                     lines: []).svg()
        XCTAssertEqual(moves(whole.components(separatedBy: "<g class=\"areas\">")[1].components(separatedBy: "</g>")[0]), 1)
    }
}
