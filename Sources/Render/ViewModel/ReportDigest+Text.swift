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
                for grower in finding.growers { out += "  - \(MarkdownText.code(grower))\n" }
            }
        }
        out += "\n_\(tool); the full report has the charts, tables, profiles and next steps._\n"
        return out
    }

    /// For an email's text part: the same, as plain text under 78 columns where it can be.
    public var plainText: String {
        var out = "Go memory report: \(plain(recordingName)): \(headline)\n\n"
        for line in instances {
            out += "\(plain(line.name))\n  \(line.window)\n  Go memory \(line.goLast) (peak \(line.goPeak)), RSS \(line.rssLast), non-Go \(line.nonGoLast)\n  \(line.verdict)\n\n"
        }
        if findings.isEmpty {
            out += "Nothing to fix: no finding.\n"
        } else {
            out += "Findings, most severe first:\n\n"
            for finding in findings {
                out += "* [\(finding.severity.uppercased())] \(plain(finding.title))\n  id \(finding.id), confidence \(finding.confidence)"
                    + (instances.count > 1 ? ", \(plain(finding.instance))" : "") + "\n"
                for grower in finding.growers { out += "    \(plain(grower))\n" }
            }
        }
        out += "\nThe full report is attached (report.html): charts, tables, profiles and next steps.\n-- \n\(tool)\n"
        return out
    }

    /// A name in plain text: bidi and control characters (an escape sequence for the
    /// reader's terminal, say) written out, line breaks as spaces so it stays on its line.
    private func plain(_ text: String) -> String {
        var out = ""
        for scalar in InvisibleCharacters.neutralize(text).unicodeScalars {
            out.unicodeScalars.append(scalar == "\n" || scalar == "\t" ? " " : scalar)
        }
        return out
    }

    /// Markdown-significant characters in names (`|`, `*`, `_`, `<`, `&`) are escaped;
    /// bidi and control characters are written out and line breaks become spaces
    /// (`MarkdownText`), so a name stays in its table row and reads as itself.
    private func escape(_ text: String) -> String {
        var out = ""
        for scalar in InvisibleCharacters.neutralize(text).unicodeScalars {
            if scalar == "\n" || scalar == "\t" { out += " "; continue }
            if "\\`*_[]<>|#&!".unicodeScalars.contains(scalar) { out.append("\\") }
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
