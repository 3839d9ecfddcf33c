import Analysis

/// Flame graphs of a `CallTreeDiff` (pprof's `-diff_base`) as two inline SVGs.
///
/// `svg()` is sized by the current profile and coloured by the change from the base,
/// `current − base`: red where a frame grew, green where it shrank, grey where it did not
/// change, with full colour at ±`colorScale` and a legend that states the scale in
/// values and as a share of the base total (pprof's diff percentages are of the base).
/// Stacks that exist only in the base have no width there, so `baseOnlySVG()` draws
/// them, sized by their base values, under the callers they share with the current
/// profile.
public struct DiffFlameGraph {
    public var diff: CallTreeDiff
    public var title: String
    /// Title of the base-only view; nil derives it from `title`.
    public var baseOnlyTitle: String?
    public var width = 1200.0
    public var rowHeight = 18.0
    public var minimumFrameWidth = 1.5
    public var maximumDepth = 200
    /// At most this many frames are drawn per view: past it, the minimum frame width
    /// doubles until they fit.
    public var maximumFrames = 4000
    /// The change drawn in full colour. nil: the smallest round number (1, 2 or 5 × a
    /// power of 10, in the unit the value is shown in) at least as large as every
    /// change drawn below the root in either view. Set it to compare several diffs.
    public var colorScaleMaximum: Int64?

    static let neutral = (0.945, 0.945, 0.945)
    static let growth = (0.776, 0.157, 0.157)   // #c62828
    // Green as pprof users expect; a dark, blue-leaning green so it stays apart from the
    // red for most red-green colour-blind readers, and the legend names both.
    static let shrink = (0.106, 0.490, 0.380)   // #1b7d61
    static let legendHeight = 56.0

    public init(diff: CallTreeDiff, title: String) {
        self.diff = diff
        self.title = title
    }

    private var unit: String { diff.sampleType.unit }

    // MARK: - Layouts

    private func currentBoxes() -> (boxes: [FlameGraphLayout.Box], minimumWidth: Double) {
        let diff = self.diff
        return FlameGraphLayout.boxes(root: CallTreeDiff.root, children: { diff.children(of: $0) },
                                      isTruncated: { diff.isTruncated($0) }, size: { diff.nodes[$0].current }, width: width, minimumWidth: minimumFrameWidth,
                                      maximumDepth: maximumDepth, maximumBoxes: maximumFrames)
    }

    private func baseOnlyBoxes() -> (boxes: [FlameGraphLayout.Box], minimumWidth: Double) {
        let diff = self.diff
        return FlameGraphLayout.boxes(root: CallTreeDiff.root, children: { diff.children(of: $0) },
                                      isTruncated: { diff.isTruncated($0) }, size: { diff.nodes[$0].baseOnly }, width: width, minimumWidth: minimumFrameWidth,
                                      maximumDepth: maximumDepth, maximumBoxes: maximumFrames)
    }

    /// The change a box of the current view stands for.
    private func currentDelta(_ box: FlameGraphLayout.Box) -> Int64 {
        switch box.content {
        case .node(let node): return diff.nodes[node].delta
        case .merged(let nodes): return nodes.reduce(0) { $0 + diff.nodes[$1].delta }
        }
    }

    /// The change a box of the base-only view stands for, or nil for callers that are
    /// still in the current profile (drawn grey).
    private func baseOnlyDelta(_ box: FlameGraphLayout.Box) -> Int64? {
        switch box.content {
        case .node(let node): return diff.nodes[node].current == 0 ? -box.size : nil
        case .merged: return -box.size
        }
    }

    /// The change drawn in full colour in both views.
    public func colorScale() -> Int64 {
        if let colorScaleMaximum, colorScaleMaximum > 0 { return colorScaleMaximum }
        var largest: Int64 = 0
        for box in currentBoxes().boxes where box.depth > 0 { largest = max(largest, abs(currentDelta(box))) }
        for box in baseOnlyBoxes().boxes where box.depth > 0 { largest = max(largest, abs(baseOnlyDelta(box) ?? 0)) }
        return Self.roundUp(largest, unit: unit)
    }

    /// 1, 2 or 5 × a power of ten, in KiB/MiB/… for bytes, at least `value` (at least 1).
    static func roundUp(_ value: Int64, unit: String) -> Int64 {
        guard value > 1 else { return 1 }
        var size: Double = 1
        if FlameGraphValueFormat.isBytes(unit) { size = ByteFormat.Unit.fitting(Double(value)).size }
        let scaled = Double(value) / size
        var power = 1.0
        while power * 10 <= scaled { power *= 10 }
        for step in [1.0, 2.0, 5.0, 10.0] where step * power >= scaled {
            let result = step * power * size
            return result >= 9.2e18 ? .max : max(value, Int64(result))
        }
        return value
    }

    /// `#rrggbb` for a change, and whether it is dark enough to need a light label.
    static func color(delta: Int64, scale: Int64) -> (fill: String, dark: Bool) {
        let t = max(-1, min(1, Double(delta) / Double(max(scale, 1))))
        let target = t >= 0 ? growth : shrink
        let a = abs(t)
        let fill = FlameGraphPalette.hex(neutral.0 + a * (target.0 - neutral.0), neutral.1 + a * (target.1 - neutral.1),
                                         neutral.2 + a * (target.2 - neutral.2))
        return (fill, a > 0.55)
    }

    // MARK: - Views

    /// The diff sized by the current profile, coloured by change.
    public func svg() -> String {
        let (boxes, usedMinimumWidth) = currentBoxes()
        guard !boxes.isEmpty else {
            return FlameGraphSVG.empty(title: title, message: "The current profile has no samples with a positive \(diff.sampleType.type) value; see the view of stacks only in the base.", width: width)
        }
        let scale = colorScale()
        let baseTotal = diff.baseTotal
        var drawing = FlameGraphSVG(width: width, rowHeight: rowHeight, top: Self.legendHeight)
        var newFrames = 0
        for box in boxes {
            let delta = currentDelta(box)
            let color = Self.color(delta: delta, scale: scale)
            let change = "change: \(FlameGraphValueFormat.signed(delta, unit: unit)), \(FlameGraphValueFormat.signedPercent(delta, of: baseTotal)) of the base total"
            let labelColor = color.dark ? "#fff" : nil
            switch box.content {
            case .node(let node) where node == CallTreeDiff.root:
                var lines = ["all samples", "current: \(FlameGraphValueFormat.value(diff.currentTotal, unit: unit))",
                             "base: \(FlameGraphValueFormat.value(baseTotal, unit: unit))", change]
                if diff.isNormalized { lines.append(normalizedNote) }
                drawing.addFrame(depth: 0, x: box.x, width: box.width, fill: color.fill, titleLines: lines,
                                 labels: ["all: \(FlameGraphValueFormat.short(diff.currentTotal, unit: unit)), \(FlameGraphValueFormat.signedShort(delta, unit: unit)) since base", "all"],
                                 labelColor: labelColor)
            case .node(let node):
                let n = diff.nodes[node]
                let function = diff.function(of: node)!
                var lines = [function.name]
                if let location = FlameGraph.location(file: function.filename, line: n.line) { lines.append(location) }
                lines.append("current: \(FlameGraphValueFormat.value(n.current, unit: unit))")
                lines.append("base: \(FlameGraphValueFormat.value(n.base, unit: unit))" + (n.base == 0 ? " (new since the base)" : ""))
                lines.append(change)
                if n.selfDelta != 0 { lines.append("self change: \(FlameGraphValueFormat.signed(n.selfDelta, unit: unit))") }
                if box.hidesChildren { lines.append("(frames below are not drawn)") }
                if n.base == 0 { newFrames += 1 }
                drawing.addFrame(depth: box.depth, x: box.x, width: box.width, fill: color.fill, titleLines: lines,
                                 labels: FlameGraphSVG.labelCandidates(forFunction: function.name), labelColor: labelColor, marked: n.base == 0)
            case .merged(let nodes):
                let new = nodes.allSatisfy { diff.nodes[$0].base == 0 }
                if new { newFrames += 1 }
                drawing.addFrame(depth: box.depth, x: box.x, width: box.width, fill: color.fill,
                                 titleLines: ["\(nodes.count) smaller frames, each too narrow to draw",
                                              "current: \(FlameGraphValueFormat.value(box.size, unit: unit)) together", change]
                                    + (new ? ["all new since the base"] : []),
                                 labels: ["\(nodes.count) smaller frames", "\(nodes.count) frames"], labelColor: labelColor, marked: new)
            }
        }
        let explanation = "Width: the current profile (\(FlameGraphValueFormat.short(diff.currentTotal, unit: unit)) in all). "
            + "Colour: change since the base (current − base), full at ±\(FlameGraphValueFormat.short(scale, unit: unit)) "
            + "(\(FlameGraphValueFormat.percent(scale, of: baseTotal)) of the base total) or more."
        let description = "Icicle flame graph of the change in \(diff.sampleType.type): the top row is all samples, each row below splits its callers' width among the functions they call. "
            + explanation + " " + Self.newNote(newFrames) + " Stacks found only in the base are drawn separately. "
            + FlameGraphSVG.countNote(frames: drawing.frameCount, minimumWidth: usedMinimumWidth, of: width)
        return FlameGraphSVG.document(title: title, description: description, width: width,
                                      height: Self.legendHeight + drawing.rowsHeight + 1,
                                      content: legend(explanation: explanation, scale: scale, marker: Self.newMarker) + drawing.body)
    }

    static let newMarker = "dashed outline: new, not in the base"
    static let goneMarker = "dashed outline: gone, only in the base"

    static func newNote(_ count: Int) -> String {
        switch count {
        case 0: return "No frame is new since the base."
        case 1: return "1 frame is new since the base (not in it): it is outlined dashed."
        default: return "\(FlameGraphValueFormat.grouped(Int64(count))) frames are new since the base (not in it): they are outlined dashed."
        }
    }

    /// The stacks only in the base, sized by their base values.
    public func baseOnlySVG() -> String {
        let title = baseOnlyTitle ?? "\(self.title): stacks only in the base"
        let (boxes, usedMinimumWidth) = baseOnlyBoxes()
        guard !boxes.isEmpty else {
            return FlameGraphSVG.empty(title: title, message: "Every stack of the base profile is also in the current one.", width: width)
        }
        let scale = colorScale()
        let baseTotal = diff.baseTotal
        let rootSize = boxes[0].size
        var drawing = FlameGraphSVG(width: width, rowHeight: rowHeight, top: Self.legendHeight)
        for box in boxes {
            let share = "\(FlameGraphValueFormat.percent(box.size, of: baseTotal)) of the base total"
            let gone = baseOnlyDelta(box)
            let color = gone.map { Self.color(delta: $0, scale: scale) } ?? (fill: FlameGraphPalette.merged, dark: false)
            let labelColor = color.dark ? "#fff" : nil
            switch box.content {
            case .node(let node) where node == CallTreeDiff.root:
                var lines = ["all samples", "only in the base: \(FlameGraphValueFormat.value(box.size, unit: unit)), \(share)",
                             "base: \(FlameGraphValueFormat.value(baseTotal, unit: unit)), current: \(FlameGraphValueFormat.value(diff.currentTotal, unit: unit))"]
                if diff.isNormalized { lines.append(normalizedNote) }
                drawing.addFrame(depth: 0, x: box.x, width: box.width, fill: FlameGraphPalette.root, titleLines: lines,
                                 labels: ["all: \(FlameGraphValueFormat.short(box.size, unit: unit)) only in the base", "all"])
            case .node(let node):
                let n = diff.nodes[node]
                let function = diff.function(of: node)!
                var lines = [function.name]
                if let location = FlameGraph.location(file: function.filename, line: n.line) { lines.append(location) }
                if gone != nil {
                    lines.append("only in the base: \(FlameGraphValueFormat.value(box.size, unit: unit)), \(share)")
                    lines.append("current: \(FlameGraphValueFormat.value(n.current, unit: unit))")
                } else {
                    lines.append("below here, only in the base: \(FlameGraphValueFormat.value(box.size, unit: unit)), \(share)")
                    lines.append("this frame: current \(FlameGraphValueFormat.value(n.current, unit: unit)), base \(FlameGraphValueFormat.value(n.base, unit: unit))")
                }
                if box.hidesChildren { lines.append("(frames below are not drawn)") }
                drawing.addFrame(depth: box.depth, x: box.x, width: box.width, fill: color.fill, titleLines: lines,
                                 labels: FlameGraphSVG.labelCandidates(forFunction: function.name), labelColor: labelColor, marked: gone != nil)
            case .merged(let nodes):
                drawing.addFrame(depth: box.depth, x: box.x, width: box.width, fill: color.fill,
                                 titleLines: ["\(nodes.count) smaller frames, each too narrow to draw",
                                              "only in the base: \(FlameGraphValueFormat.value(box.size, unit: unit)) together, \(share)"],
                                 labels: ["\(nodes.count) smaller frames", "\(nodes.count) frames"], labelColor: labelColor, marked: true)
            }
        }
        let explanation = "Width: base values of stacks the current profile lacks (\(FlameGraphValueFormat.short(rootSize, unit: unit)), "
            + "\(FlameGraphValueFormat.percent(rootSize, of: baseTotal)) of the base total). Coloured, dashed frames are gone; grey frames are their callers, still present."
        let description = "Icicle flame graph of the \(diff.sampleType.type) found only in the base profile. " + explanation
            + " Colour scale as in the main diff: full at ±\(FlameGraphValueFormat.short(scale, unit: unit)). "
            + FlameGraphSVG.countNote(frames: drawing.frameCount, minimumWidth: usedMinimumWidth, of: width)
        return FlameGraphSVG.document(title: title, description: description, width: width,
                                      height: Self.legendHeight + drawing.rowsHeight + 1,
                                      content: legend(explanation: explanation, scale: scale, marker: Self.goneMarker) + drawing.body)
    }

    private var normalizedNote: String {
        "base scaled by \(String(format: "%.4g", diff.baseScale)) to the current total (normalized)"
    }

    /// One line of explanation, then nine swatches from −scale to +scale with values
    /// under every other one, the colours named, and the outline `marker` stands for.
    private func legend(explanation: String, scale: Int64, marker: String) -> String {
        let swatch = 44.0, left = 24.0, y = 20.0
        var out = "<g class=\"legend\" font-family=\"system-ui,sans-serif\" font-size=\"11\" fill=\"#333\">\n"
        out += "<text x=\"0\" y=\"12\">\(FlameGraphSVG.text(explanation))</text>\n"
        for step in 0...8 {
            let t = Double(step - 4) / 4
            let value = Int64((Double(scale) * t).rounded())
            let color = Self.color(delta: value, scale: scale)
            let x = left + Double(step) * swatch
            let edge = step == 0 ? "≤ " : step == 8 ? "≥ " : ""
            out += "<rect x=\"\(FlameGraphSVG.f(x))\" y=\"\(FlameGraphSVG.f(y))\" width=\"\(FlameGraphSVG.f(swatch))\" height=\"12\" fill=\"\(color.fill)\"><title>\(FlameGraphSVG.text(edge + FlameGraphValueFormat.signedShort(value, unit: unit)))</title></rect>\n"
            if step % 2 == 0 {
                out += "<text x=\"\(FlameGraphSVG.f(x + swatch / 2))\" y=\"\(FlameGraphSVG.f(y + 25))\" text-anchor=\"middle\">\(FlameGraphSVG.text(FlameGraphValueFormat.signedShort(value, unit: unit)))</text>\n"
            }
        }
        let key = left + 9 * swatch + 16
        out += "<text x=\"\(FlameGraphSVG.f(key))\" y=\"\(FlameGraphSVG.f(y + 10))\">green: shrank · grey: unchanged · red: grew</text>\n"
        out += "<rect x=\"\(FlameGraphSVG.f(key))\" y=\"\(FlameGraphSVG.f(y + 16))\" width=\"22\" height=\"12\" fill=\"\(Self.color(delta: 0, scale: scale).fill)\" \(FlameGraphSVG.markedStroke)/>\n"
        out += "<text x=\"\(FlameGraphSVG.f(key + 28))\" y=\"\(FlameGraphSVG.f(y + 26))\">\(FlameGraphSVG.text(marker))</text>\n"
        out += "</g>\n"
        return out
    }
}
