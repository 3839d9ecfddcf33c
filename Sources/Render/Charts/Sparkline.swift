import Foundation

/// A small inline SVG of Go memory (dotted) and RSS (solid) over a window, for a site
/// index row. Both lines share one scale; columns keep each bucket's highest value, so
/// a peak shows even at 120 pixels.
struct Sparkline {
    var title: String
    var timestamps: [Double]
    var goMemory: [Double]
    var rss: [Double?]
    var width = 120.0
    var height = 28.0

    func svg() -> String {
        let maximum = max(goMemory.max() ?? 0, rss.compactMap { $0 }.max() ?? 0, 1)
        let columns = Int(width)
        func path(_ values: [Double?]) -> String {
            guard let start = timestamps.first, let end = timestamps.last else { return "" }
            var buckets = [Double?](repeating: nil, count: columns)
            // A missing sample lifts the pen; a column no sample falls in (fewer samples
            // than columns) does not: the line runs on to the next sample.
            var gaps = [Bool](repeating: false, count: columns)
            for (index, time) in timestamps.enumerated() {
                let column = end > start ? min(columns - 1, max(0, Int((time - start) / (end - start) * Double(columns - 1)))) : 0
                guard let value = values[index], value.isFinite else { gaps[column] = true; continue }
                buckets[column] = max(buckets[column] ?? -.infinity, value)
            }
            var out = ""
            var penDown = false
            for (column, value) in buckets.enumerated() {
                guard let value else {
                    if gaps[column] { penDown = false }
                    continue
                }
                let y = 2 + (height - 4) * (1 - value / maximum)
                out += "\(penDown ? "L" : "M")\(column) \(String(format: "%.1f", y))"
                penDown = true
            }
            return out
        }
        let escaped = HTMLEscaping.escape(title)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sparkline\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(escaped)\"><title>\(escaped)</title>"
        let rssPath = path(rss)
        if !rssPath.isEmpty { out += "<path d=\"\(rssPath)\" fill=\"none\" stroke=\"\(ChartPalette.rssLine)\" stroke-width=\"1.5\"/>" }
        out += "<path d=\"\(path(goMemory.map { $0 }))\" fill=\"none\" stroke=\"\(ChartPalette.goMemoryLine)\" stroke-width=\"1.5\" stroke-dasharray=\"2 2\"/>"
        return out + "</svg>"
    }
}
