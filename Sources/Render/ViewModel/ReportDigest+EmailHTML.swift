extension ReportDigest {
    /// A short HTML summary for an email body. Styles are inline attributes, because many
    /// mail clients drop `<style>`; every text is escaped.
    public var emailHTML: String {
        func e(_ text: String) -> String { HTMLEscaping.escape(text) }
        let cell = "style=\"padding:4px 8px;border-bottom:1px solid #ddd;text-align:left\""
        let number = "style=\"padding:4px 8px;border-bottom:1px solid #ddd;text-align:right\""
        var out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(e("Go memory report: \(recordingName)"))</title></head>\n"
        out += "<body style=\"font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1a1a1a;line-height:1.45\">\n"
        out += "<h1 style=\"font-size:20px;margin:0 0 8px\">Go memory: \(e(recordingName)) — \(e(headline))</h1>\n"
        out += "<table style=\"border-collapse:collapse;font-size:14px\">\n<tr>"
        for heading in ["Instance", "Go memory, last", "peak", "RSS, last", "Non-Go, last"] { out += "<th \(cell)>\(heading)</th>" }
        out += "</tr>\n"
        for line in instances {
            out += "<tr><td \(cell)>\(e(line.name))<br><span style=\"color:#555;font-size:12px\">\(e(line.window)) · \(e(line.verdict))</span></td>"
            out += "<td \(number)>\(e(line.goLast))</td><td \(number)>\(e(line.goPeak))</td><td \(number)>\(e(line.rssLast))</td><td \(number)>\(e(line.nonGoLast))</td></tr>\n"
        }
        out += "</table>\n"
        if findings.isEmpty {
            out += "<p style=\"font-size:15px\"><strong>Nothing to fix:</strong> no finding.</p>\n"
        } else {
            out += "<ul style=\"padding-left:20px;font-size:15px\">\n"
            for finding in findings {
                let color = finding.severity == "critical" ? "#b71c1c" : finding.severity == "warning" ? "#8a5300" : "#3d5f85"
                out += "<li style=\"margin:6px 0\"><strong style=\"color:\(color)\">\(e(finding.severity.uppercased()))</strong> \(e(finding.title))"
                out += " <span style=\"color:#555;font-size:12px\">(\(e(finding.id)), confidence \(e(finding.confidence)))</span>"
                if !finding.growers.isEmpty {
                    out += "<br><span style=\"font-family:Menlo,Consolas,monospace;font-size:12px\">\(finding.growers.map(e).joined(separator: "<br>"))</span>"
                }
                out += "</li>\n"
            }
            out += "</ul>\n"
        }
        out += "<p style=\"color:#555;font-size:12px\">The full report is attached as report.html. Made by \(e(tool)).</p>\n</body></html>\n"
        return out
    }
}
