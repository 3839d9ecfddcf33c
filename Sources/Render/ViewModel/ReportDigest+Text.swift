extension ReportDigest {
    /// For tickets and chat: a heading, a table of instances, the findings with their
    /// top growers.
    public var markdown: String {
        var out = "## Go memory: \(escape(recordingName)) — \(headline)\n\n"
        out += "| Instance | Window | Go memory, last | Go memory, peak | RSS, last | Non-Go, last | Go memory and RSS |\n"
        out += "|---|---|---:|---:|---:|---:|---|\n"
        for line in instances {
            out += "| \(escape(line.name)) | \(line.window) | \(line.goLast) | \(line.goPeak) | \(line.rssLast) | \(line.nonGoLast) | \(line.verdict) |\n"
        }
        out += "\n"
        if findings.isEmpty {
            out += "Nothing to fix: no finding.\n"
        } else {
            out += "### Findings\n\n"
            for finding in findings {
                out += "- **\(finding.severity.uppercased())** `\(finding.id)` \(escape(finding.title)) (confidence \(finding.confidence)"
                    + (instances.count > 1 ? ", \(escape(finding.instance))" : "") + ")\n"
                for grower in finding.growers { out += "  - `\(grower.replacingOccurrences(of: "`", with: "'"))`\n" }
            }
        }
        out += "\n_\(tool); the full report has the charts, tables, profiles and next steps._\n"
        return out
    }

    /// For an email's text part: the same, as plain text under 78 columns where it can be.
    public var plainText: String {
        var out = "Go memory report: \(recordingName): \(headline)\n\n"
        for line in instances {
            out += "\(line.name)\n  \(line.window)\n  Go memory \(line.goLast) (peak \(line.goPeak)), RSS \(line.rssLast), non-Go \(line.nonGoLast)\n  \(line.verdict)\n\n"
        }
        if findings.isEmpty {
            out += "Nothing to fix: no finding.\n"
        } else {
            out += "Findings, most severe first:\n\n"
            for finding in findings {
                out += "* [\(finding.severity.uppercased())] \(finding.title)\n  id \(finding.id), confidence \(finding.confidence)"
                    + (instances.count > 1 ? ", \(finding.instance)" : "") + "\n"
                for grower in finding.growers { out += "    \(grower)\n" }
            }
        }
        out += "\nThe full report is attached (report.html): charts, tables, profiles and next steps.\n-- \n\(tool)\n"
        return out
    }

    /// Markdown-significant characters in names (`|`, `*`, `_`, `<`) are escaped.
    private func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>|#".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
