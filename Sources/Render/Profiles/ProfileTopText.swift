import Analysis
import MemoryModel

/// `go tool pprof -top` as text: the same header lines and columns, so people who
/// know pprof read it at once. With `exact`, values are raw integers, as pprof prints
/// them with `-unit=B`, which makes the output comparable line for line.
public enum ProfileTopText {
    public static func render(_ top: ProfileTop, exact: Bool = false, nodeFraction: Double = 0.005) -> String {
        let unit = top.sampleType.unit
        func value(_ v: Int64) -> String {
            if exact { return v == 0 ? "0" : (unit == "bytes" ? "\(v)B" : "\(v)") }
            return v == 0 ? "0" : ProfileValueFormat.string(v, unit: unit)
        }
        func pad(_ text: String, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - text.count)) + text
        }
        var lines: [String] = []
        let shownPercent = ProfileValueFormat.pprofPercentage(top.shownFlat, of: top.total).trimmingSpaces()
        lines.append("Showing nodes accounting for \(value(top.shownFlat)), \(shownPercent) of \(value(top.total)) total")
        if top.total != 0 {
            if top.droppedNodes > 0 {
                let cutoff = abs(Int64(Double(top.total) * nodeFraction))
                lines.append("Dropped \(top.droppedNodes) node\(top.droppedNodes > 1 ? "s" : "") (cum <= \(value(cutoff)))")
            }
            if !top.rows.isEmpty && top.rows.count < top.nodesAfterCut {
                lines.append("Showing top \(top.rows.count) nodes out of \(top.nodesAfterCut)")
            }
        }
        lines.append("\(pad("flat", 10)) \(pad("flat", 5))% \(pad("sum", 5))% \(pad("cum", 10)) \(pad("cum", 5))%")
        var sum: Int64 = 0
        for row in top.rows {
            sum += row.flat
            lines.append("\(pad(value(row.flat), 10)) \(ProfileValueFormat.pprofPercentage(row.flat, of: top.total)) "
                + "\(ProfileValueFormat.pprofPercentage(sum, of: top.total)) \(pad(value(row.cum), 10)) "
                // Names from the profile: bidi and control characters (terminal escapes) written
                // out, and line feeds too, so a name cannot forge a row of the table.
                + "\(ProfileValueFormat.pprofPercentage(row.cum, of: top.total))  "
                + InvisibleCharacters.neutralize(row.name).replacingOccurrences(of: "\n", with: "\\u000A")
                + (row.inlineLabel.isEmpty ? "" : " " + row.inlineLabel))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
