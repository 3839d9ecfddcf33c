/// A `ReportDigest` shaped for one of its templates (`templates/digest/`): the Markdown
/// for tickets and chat, an email's plain-text part, and its HTML part. The figures
/// are the digest's; only the escaping differs, and it happens here, because the
/// Markdown and text templates place their fields as they are.
struct DigestView {
    enum Format {
        /// Names and titles Markdown-escaped, growers as code spans.
        case markdown
        /// Names on their own line: bidi and control characters written out, line breaks as spaces.
        case text
        /// As they are: the HTML template escapes every field.
        case html
    }

    struct Instance {
        var name: String
        var window: String
        var goLast: String
        var goPeak: String
        var rssLast: String
        var nonGoLast: String
        var verdict: String
    }

    struct GrowerLine {
        var text: String
        /// A line break follows (all but the last).
        var br: Bool
    }

    struct Finding {
        /// Upper case: CRITICAL, WARNING, INFO.
        var severity: String
        var id: String
        var title: String
        var confidence: String
        /// The instance, only when the digest has several.
        var instance: String?
        /// The severity's colour in the HTML part.
        var color: String
        var growers: [String]
        var hasGrowers: Bool
        var growerLines: [GrowerLine]
    }

    var recordingName: String
    var headline: String
    var tool: String
    var instances: [Instance]
    var findings: [Finding]
    var hasFindings: Bool

    init(_ digest: ReportDigest, format: Format) {
        let name: (String) -> String, grower: (String) -> String
        switch format {
        case .markdown: (name, grower) = (Self.markdownEscape, MarkdownText.code)
        case .text: (name, grower) = (MarkdownText.flattened, MarkdownText.flattened)
        case .html: (name, grower) = ({ $0 }, { $0 })
        }
        recordingName = name(digest.recordingName)
        headline = digest.headline
        tool = digest.tool
        instances = digest.instances.map {
            Instance(name: name($0.name), window: $0.window, goLast: $0.goLast, goPeak: $0.goPeak,
                     rssLast: $0.rssLast, nonGoLast: $0.nonGoLast, verdict: $0.verdict)
        }
        let several = digest.instances.count > 1
        findings = digest.findings.map { finding in
            let growers = finding.growers.map(grower)
            return Finding(
                severity: finding.severity.uppercased(), id: finding.id, title: name(finding.title), confidence: finding.confidence,
                instance: several ? name(finding.instance) : nil,
                color: finding.severity == "critical" ? "#b71c1c" : finding.severity == "warning" ? "#8a5300" : "#3d5f85",
                growers: growers, hasGrowers: !growers.isEmpty,
                growerLines: growers.enumerated().map { GrowerLine(text: $0.element, br: $0.offset < growers.count - 1) })
        }
        hasFindings = !findings.isEmpty
    }

    /// Markdown-significant characters in names (`|`, `*`, `_`, `<`, `&`) are escaped;
    /// bidi and control characters are written out and line breaks become spaces
    /// (`MarkdownText`), so a name stays in its table row and reads as itself.
    static func markdownEscape(_ text: String) -> String {
        var out = ""
        for scalar in MarkdownText.flattened(text).unicodeScalars {
            if "\\`*_[]<>|#&!".unicodeScalars.contains(scalar) { out.append("\\") }
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
