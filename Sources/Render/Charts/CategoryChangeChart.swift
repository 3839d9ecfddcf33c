import Foundation

/// An inline SVG bar chart of changes, one row per category: bars grow right for an
/// increase and left for a decrease from a zero line, each labelled with its change.
/// Deterministic: coordinates rounded to 0.1 px.
struct CategoryChangeChart {
    struct Row {
        var name: String
        var color: String
        var change: Double
    }

    var title: String
    var description: String
    var rows: [Row]
    var width = 960.0
    private let labelWidth = 220.0, valueWidth = 110.0, rowHeight = 26.0, top = 10.0, bottom = 24.0

    func svg() -> String {
        let height = top + Double(rows.count) * rowHeight + bottom
        let largest = max(rows.map { abs($0.change) }.max() ?? 0, 1)
        let plotLeft = labelWidth + valueWidth, plotRight = width - valueWidth
        let zero = (plotLeft + plotRight) / 2, half = (plotRight - plotLeft) / 2
        func f(_ v: Double) -> String { String(format: "%.1f", (v * 10).rounded() / 10) }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart change-chart\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"\(HTMLEscaping.escape(title))\">\n"
        out += "<title>\(HTMLEscaping.escape(title))</title>\n<desc>\(HTMLEscaping.escape(description))</desc>\n"
        out += "<line x1=\"\(f(zero))\" y1=\"\(f(top))\" x2=\"\(f(zero))\" y2=\"\(f(height - bottom))\" stroke=\"#888\" stroke-width=\"1\"/>\n"
        for (index, row) in rows.enumerated() {
            let y = top + Double(index) * rowHeight
            let length = abs(row.change) / largest * half
            let x = row.change >= 0 ? zero : zero - length
            let text = HTMLEscaping.escape(ByteFormat.signed(row.change))
            out += "<g><title>\(HTMLEscaping.escape(row.name)): \(text)</title>"
            out += "<text x=\"\(f(labelWidth - 8))\" y=\"\(f(y + 17))\" font-size=\"12\" text-anchor=\"end\" fill=\"currentColor\">\(HTMLEscaping.escape(row.name))</text>"
            out += "<rect x=\"\(f(x))\" y=\"\(f(y + 4))\" width=\"\(f(max(length, 0.5)))\" height=\"\(f(rowHeight - 8))\" fill=\"\(row.color)\"/>"
            let labelX = row.change >= 0 ? x + length + 6 : x - 6
            out += "<text x=\"\(f(labelX))\" y=\"\(f(y + 17))\" font-size=\"12\" text-anchor=\"\(row.change >= 0 ? "start" : "end")\" fill=\"currentColor\">\(text)</text></g>\n"
        }
        out += "<text x=\"\(f(zero))\" y=\"\(f(height - 6))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#555\">0 (candidate − base, median of the second half)</text>\n"
        out += "</svg>"
        return out
    }
}
