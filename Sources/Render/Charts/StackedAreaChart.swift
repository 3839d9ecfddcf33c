import Foundation

/// An inline SVG chart: stacked areas (bottom layer first) with lines drawn over them.
///
/// Output is deterministic: coordinates are rounded to 0.1 px, and long series are
/// reduced to at most `maximumPoints` columns by keeping, per column, the sample where
/// the stack is highest (so peaks survive) and, for lines, their own highest value.
struct StackedAreaChart {
    struct Layer {
        var name: String
        var color: String
        var values: [Double]
    }

    struct Line {
        enum Style { case solid, dotted, dashed }
        var name: String
        var color: String
        var style: Style
        /// nil where the line has no value.
        var values: [Double?]
    }

    /// A moment drawn as a vertical line across the plot, such as a restart.
    struct Marker {
        var time: Double
        /// A word or two beside the line, and the full sentence for its tooltip.
        var label: String
        var detail: String
        var color: String
    }

    var title: String
    /// A sentence for screen readers (`<desc>`): what the chart shows, with its figures.
    var description: String = ""
    var timestamps: [Double]
    var layers: [Layer]
    var lines: [Line]
    var markers: [Marker] = []
    /// Findings' windows, drawn as strips in a lane above the plot so they hide no data.
    var bands: [Band] = []

    struct Band {
        var start: Double
        var end: Double
        /// The finding's title, for the strip's tooltip and the accessible name.
        var label: String
        var color: String
    }
    /// At least this high a y axis: two charts given the same one share their scale.
    var yMinimumTop: Double = 0
    var width = 960.0
    var height = 380.0
    var maximumPoints = 1200

    private let left = 78.0, right = 16.0, bottom = 46.0
    private static let laneRow = 10.0
    /// Room for the findings lane above the plot.
    private var top: Double { 14 + Double(bands.count) * Self.laneRow }

    /// The highest value drawn: the top of the stack or of a line.
    var dataMaximum: Double {
        var maximum = 0.0
        for i in timestamps.indices {
            var top = 0.0
            for layer in layers { top += max(layer.values[i], 0) }
            maximum = max(maximum, top)
        }
        for line in lines { for value in line.values { if let value, value.isFinite { maximum = max(maximum, value) } } }
        return maximum
    }

    /// The complete `<svg>` element.
    func svg() -> String {
        let count = timestamps.count
        let columns = columnIndices()
        let yAxis = AxisTicks.bytes(maximum: max(dataMaximum, yMinimumTop))
        let start = timestamps.first ?? 0, end = timestamps.last ?? 1
        let top = self.top
        let plotWidth = width - left - right, plotHeight = height - top - bottom

        func x(_ t: Double) -> Double { left + (end > start ? (t - start) / (end - start) * plotWidth : plotWidth / 2) }
        func y(_ v: Double) -> Double { top + plotHeight - v / yAxis.top * plotHeight }

        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"\(HTMLEscaping.escape(title))\">\n"
        out += "<title>\(HTMLEscaping.escape(title))</title>\n"
        if !description.isEmpty { out += "<desc>\(HTMLEscaping.escape(description))</desc>\n" }

        // Grid and y axis.
        out += "<g class=\"axis y\" font-size=\"11\" fill=\"#555\">\n"
        var tick = 0.0
        while tick <= yAxis.top + yAxis.step / 2 {
            let label = formatTick(tick, unit: yAxis.unit, step: yAxis.step)
            out += "<line x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(y(tick)))\" y2=\"\(f(y(tick)))\" stroke=\"#ddd\" stroke-width=\"1\"/>"
            out += "<text x=\"\(f(left - 6))\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\">\(label)</text>\n"
            tick += yAxis.step
        }
        out += "</g>\n"

        // X axis.
        let times = AxisTicks.times(start: start, end: end)
        out += "<g class=\"axis x\" font-size=\"11\" fill=\"#555\">\n"
        out += "<line x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(y(0)))\" y2=\"\(f(y(0)))\" stroke=\"#888\" stroke-width=\"1\"/>\n"
        for t in times.ticks {
            out += "<line x1=\"\(f(x(t)))\" x2=\"\(f(x(t)))\" y1=\"\(f(y(0)))\" y2=\"\(f(y(0) + 5))\" stroke=\"#888\"/>"
            out += "<text x=\"\(f(x(t)))\" y=\"\(f(y(0) + 18))\" text-anchor=\"middle\">\(AxisTicks.timeLabel(t, step: times.step, span: end - start))</text>\n"
        }
        out += "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(height - 6))\" text-anchor=\"middle\">time (UTC)</text>\n"
        out += "<text transform=\"translate(14 \(f(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">\(yAxis.unit.symbol) (1 \(yAxis.unit.symbol) = \(unitBytes(yAxis.unit)) bytes)</text>\n"
        out += "</g>\n"

        let gapThreshold = computeGapThreshold()

        // Areas, bottom layer first.
        var below = [Double](repeating: 0, count: count)
        out += "<g class=\"areas\">\n"
        for layer in layers {
            var above = below
            for i in 0..<count { above[i] += max(layer.values[i], 0) }
            // One closed shape per run of samples without a gap: a gap is drawn as a gap.
            var path = PathText()
            for run in runs(columns, threshold: gapThreshold) {
                for (n, i) in run.enumerated() { path.append(n == 0 ? "M" : "L", x(timestamps[i]), y(above[i])) }
                for i in run.reversed() { path.append("L", x(timestamps[i]), y(below[i])) }
                path.close()
            }
            let range = valueRange(layer.values)
            out += "<path d=\"\(path.text)\" fill=\"\(layer.color)\" stroke=\"none\"><title>\(HTMLEscaping.escape(layer.name)): \(range)</title></path>\n"
            below = above
        }
        out += "</g>\n"

        // Lines over the areas.
        out += "<g class=\"lines\" fill=\"none\">\n"
        for line in lines {
            let lineColumns = lineColumnIndices(line.values, fallback: columns)
            var path = PathText()
            var penDown = false
            var previous: Int?
            for i in lineColumns {
                if let previous, timestamps[i] - timestamps[previous] > gapThreshold { penDown = false }
                previous = i
                guard let value = line.values[i], value.isFinite else { penDown = false; continue }
                path.append(penDown ? "L" : "M", x(timestamps[i]), y(value))
                penDown = true
            }
            guard !path.isEmpty else { continue }
            let dash = line.style == .dotted ? " stroke-dasharray=\"2 3\"" : line.style == .dashed ? " stroke-dasharray=\"8 4\"" : ""
            let known = line.values.compactMap { $0 }
            out += "<path d=\"\(path.text)\" stroke=\"\(line.color)\" stroke-width=\"\(line.style == .dotted ? "2" : "1.8")\"\(dash)><title>\(HTMLEscaping.escape(line.name)): \(valueRange(known))</title></path>\n"
        }
        out += "</g>\n"
        if !bands.isEmpty {
            out += "<g class=\"finding-bands\">\n"
            for (row, band) in bands.enumerated() {
                let from = x(min(max(band.start, start), end)), to = x(min(max(band.end, start), end))
                let width = max(to - from, 4)
                let label = HTMLEscaping.escape(band.label)
                out += "<rect x=\"\(f(from))\" y=\"\(f(4 + Double(row) * Self.laneRow))\" width=\"\(f(width))\" height=\"7\" fill=\"\(band.color)\" rx=\"2\"><title>\(label)</title></rect>\n"
            }
            out += "</g>\n"
        }
        if !markers.isEmpty {
            out += "<g class=\"markers\" font-size=\"11\">\n"
            for marker in markers where marker.time >= start && marker.time <= end {
                let mx = f(x(marker.time))
                let label = HTMLEscaping.escape(marker.label)
                out += "<g><title>\(HTMLEscaping.escape(marker.detail))</title><line x1=\"\(mx)\" x2=\"\(mx)\" y1=\"\(f(top))\" y2=\"\(f(y(0)))\" stroke=\"\(marker.color)\" stroke-width=\"1.5\" stroke-dasharray=\"4 2\"/>"
                out += "<text x=\"\(f(x(marker.time) + 4))\" y=\"\(f(top + 11))\" fill=\"\(marker.color)\">\(label)</text></g>\n"
            }
            out += "</g>\n"
        }
        out += "</svg>"
        return out
    }

    /// Time between drawn points above which the data has a gap: 2.5 typical sampling
    /// steps, or 2.5 columns when the series is reduced to columns. Gaps are never
    /// bridged, so missing data does not look like data.
    private func computeGapThreshold() -> Double {
        guard timestamps.count > 2 else { return .infinity }
        var steps = zip(timestamps.dropFirst(), timestamps).map { $0 - $1 }
        steps.sort()
        let typical = steps[steps.count / 2]
        let column = timestamps.count > maximumPoints ? (timestamps[timestamps.count - 1] - timestamps[0]) / Double(maximumPoints) : 0
        return 2.5 * max(typical, column)
    }

    /// `columns` split where consecutive drawn samples are further apart than a gap.
    private func runs(_ columns: [Int], threshold: Double) -> [[Int]] {
        var runs: [[Int]] = []
        var current: [Int] = []
        for i in columns {
            if let last = current.last, timestamps[i] - timestamps[last] > threshold {
                runs.append(current)
                current = []
            }
            current.append(i)
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// Sample indices to draw: all of them when they fit, else the highest-stack sample
    /// of each of `maximumPoints` equal time columns (plus the first and last samples).
    private func columnIndices() -> [Int] {
        let count = timestamps.count
        guard count > maximumPoints else { return Array(0..<count) }
        var totals = [Double](repeating: 0, count: count)
        for layer in layers { for i in 0..<count { totals[i] += layer.values[i] } }
        return bucketed { bucket in [bucket.max { totals[$0] < totals[$1] }!] }
    }

    /// A line keeps each column's lowest and highest sample (in time order), so a
    /// two-second spike or dip in a week-long chart still shows.
    private func lineColumnIndices(_ values: [Double?], fallback: [Int]) -> [Int] {
        guard timestamps.count > maximumPoints else { return fallback }
        return bucketed { bucket in
            let high = bucket.max { (values[$0] ?? -.infinity) < (values[$1] ?? -.infinity) }!
            let low = bucket.min { (values[$0] ?? .infinity) < (values[$1] ?? .infinity) }!
            return low == high ? [low] : [min(low, high), max(low, high)]
        }
    }

    private func bucketed(_ pick: (Range<Int>) -> [Int]) -> [Int] {
        let count = timestamps.count
        var result = [0]
        for column in 0..<maximumPoints {
            let lower = max(1, column * count / maximumPoints)
            let upper = min(count - 1, (column + 1) * count / maximumPoints)
            if lower < upper { result += pick(lower..<upper) }
        }
        result.append(count - 1)
        return result
    }

    private func valueRange(_ values: [Double]) -> String {
        guard let low = values.min(), let high = values.max() else { return "no data" }
        return low == high ? ByteFormat.string(low) : "\(ByteFormat.string(low)) – \(ByteFormat.string(high))"
    }

    private func formatTick(_ bytes: Double, unit: ByteFormat.Unit, step: Double) -> String {
        let value = bytes / unit.size
        let stepInUnit = step / unit.size
        let decimals = stepInUnit >= 1 && stepInUnit.rounded() == stepInUnit ? 0 : (stepInUnit * 10).rounded() == stepInUnit * 10 ? 1 : 2
        return String(format: "%.\(decimals)f", value) + " " + unit.symbol
    }

    private func unitBytes(_ unit: ByteFormat.Unit) -> String {
        unit == .bytes ? "1" : "1024^\(unit.rawValue)"
    }

    /// Fixed-point formatting with at most one decimal, without a trailing ".0".
    private func f(_ value: Double) -> String {
        var text = PathText()
        text.appendNumber(value)
        return text.text
    }
}
