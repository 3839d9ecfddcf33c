import Foundation

/// The drawing shared by `FlameGraph` and `DiffFlameGraph`: frames as `<rect>`s with a
/// `<title>` tooltip each, labels in a separate group that lets the pointer through
/// (so hovering a label shows its frame's title), fixed coordinate formatting, and
/// text made safe for HTML.
struct FlameGraphSVG {
    static let fontSize = 11.0
    /// The labels use a monospace font, whose glyphs are 0.6 em wide, so how much of a
    /// name fits a box can be worked out without measuring.
    static let glyphWidth = fontSize * 0.6
    static let labelPadding = 3.0
    static let fontFamily = "ui-monospace,SFMono-Regular,Menlo,Consolas,'DejaVu Sans Mono',monospace"

    var width: Double
    var rowHeight: Double
    /// Where row 0 starts.
    var top: Double
    private(set) var frames = ""
    private(set) var labels = ""
    private(set) var frameCount = 0
    private(set) var rows = 0

    init(width: Double, rowHeight: Double, top: Double) {
        self.width = width
        self.rowHeight = rowHeight
        self.top = top
    }

    /// Adds a box on row `depth`, with a tooltip made of `titleLines` and the first of
    /// `labels` that fits (else the last one shortened with "…", else none).
    /// `marked` outlines the box dashed (`markedStroke`): a diff's frames on one side only.
    mutating func addFrame(depth: Int, x: Double, width boxWidth: Double, fill: String, titleLines: [String],
                           labels candidates: [String], labelColor: String? = nil, marked: Bool = false) {
        let y = top + Double(depth) * rowHeight
        let stroke = marked ? " " + Self.markedStroke : ""
        frames += "<rect x=\"\(Self.f(x))\" y=\"\(Self.f(y))\" width=\"\(Self.f(boxWidth))\" height=\"\(Self.f(rowHeight - 1))\" fill=\"\(fill)\"\(stroke)><title>\(Self.title(titleLines))</title></rect>\n"
        // Written out before fitting, so a `\u202E` counts at the width it is drawn.
        if let label = Self.fittedLabel(candidates.map(InvisibleCharacters.neutralize), width: boxWidth) {
            let color = labelColor.map { " fill=\"\($0)\"" } ?? ""
            labels += "<text x=\"\(Self.f(x + Self.labelPadding))\" y=\"\(Self.f(y + rowHeight - 5.5))\"\(color)>\(Self.text(label))</text>\n"
        }
        frameCount += 1
        rows = max(rows, depth + 1)
    }

    /// The outline of a marked frame: dark and dashed, so it reads on any fill and in
    /// print, without relying on colour.
    static let markedStroke = "stroke=\"#1b1b1b\" stroke-width=\"1\" stroke-dasharray=\"3 2\""

    /// The height the rows take, from `top`.
    var rowsHeight: Double { Double(rows) * rowHeight }

    /// The frames and labels, as two groups.
    var body: String {
        "<g class=\"frames\" stroke=\"#fff\" stroke-width=\"0.5\">\n\(frames)</g>\n"
            + "<g class=\"labels\" font-family=\"\(Self.fontFamily)\" font-size=\"\(Self.f(Self.fontSize))\" fill=\"#1b1b1b\" pointer-events=\"none\">\n\(labels)</g>\n"
    }

    /// An `<svg>` element around `content`.
    static func document(title: String, description: String, width: Double, height: Double, content: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart flame-graph\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"\(text(title))\">\n"
            + "<title>\(text(title))</title>\n<desc>\(text(description))</desc>\n"
            + content + "</svg>"
    }

    /// A graph with nothing to draw: the title and a sentence saying why.
    static func empty(title: String, message: String, width: Double) -> String {
        document(title: title, description: message, width: width, height: 40, content:
            "<text x=\"\(f(width / 2))\" y=\"24\" text-anchor=\"middle\" font-size=\"13\" fill=\"#555\">\(text(message))</text>\n")
    }

    /// `"1,234 frames drawn; frames narrower than 1.5 of 1200 units are merged."`
    static func countNote(frames: Int, minimumWidth: Double, of width: Double) -> String {
        "\(FlameGraphValueFormat.grouped(Int64(frames))) frames drawn; sibling frames narrower than \(f(minimumWidth)) of \(f(width)) units are merged into one."
    }

    /// The longest candidate that fits `width`, or the last one cut short with "…"
    /// (keeping at least three characters); nil when not even that fits.
    static func fittedLabel(_ candidates: [String], width: Double) -> String? {
        let capacity = Int(((width - 2 * labelPadding) / glyphWidth).rounded(.down))
        guard capacity >= 4, let last = candidates.last else { return nil }
        for candidate in candidates where candidate.count <= capacity { return candidate }
        return String(last.prefix(capacity - 1)) + "…"
    }

    /// A title: the lines made safe, joined by newlines (which browsers show in tooltips).
    static func title(_ lines: [String]) -> String {
        lines.map(text).joined(separator: "\n")
    }

    /// Text made safe for element content and quoted attributes: `&<>"'` escaped, and
    /// control characters and bidirectional overrides (which could make a name display
    /// as something else) written out as `\u202E` (`HTMLEscaping`, `InvisibleCharacters`).
    static func text(_ raw: String) -> String {
        HTMLEscaping.escape(raw)
    }

    /// A coordinate with at most one decimal and no trailing ".0", as `StackedAreaChart`
    /// writes them; clamped so no input can make the conversion trap.
    static func f(_ value: Double) -> String {
        let rounded = (min(max(value, -1e7), 1e7) * 10).rounded() / 10
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(format: "%.1f", rounded)
    }

    /// The label for a function: the full name, then the name without the package's
    /// directories (`expfmt.MetricFamilyToText` for
    /// `github.com/prometheus/common/expfmt.MetricFamilyToText`).
    static func labelCandidates(forFunction name: String) -> [String] {
        var base = Substring(name)
        if let bracket = base.firstIndex(of: "["), bracket != base.startIndex { base = base[..<bracket] }
        guard let slash = base.lastIndex(of: "/") else { return [name] }
        return [name, String(name[name.index(after: slash)...])]
    }
}
