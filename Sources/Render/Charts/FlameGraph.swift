import Analysis

/// A static flame graph of a `CallTree` as inline SVG, icicle style: the root ("all")
/// on top, callers above callees, each frame as wide as its total.
///
/// Needs no script: every frame carries a `<title>` tooltip (function, file:line,
/// value, share of the total, self value), labels are cut to fit their box, frames of
/// one Go package share a colour (`FlameGraphPalette`), and siblings too narrow to draw
/// are merged into one "N smaller frames" box that keeps their value. Output is the
/// same bytes for the same tree.
public struct FlameGraph {
    public var tree: CallTree
    /// Says what is shown, for the accessible name and the tooltip of the whole graph,
    /// for example "Heap in use (inuse_space) by call stack".
    public var title: String
    /// Width in SVG user units; the SVG scales to its container (`viewBox`).
    public var width = 1200.0
    public var rowHeight = 18.0
    /// Frames narrower than this (in user units) are merged with their narrow siblings.
    public var minimumFrameWidth = 1.5

    /// The share of the root below which a frame is too narrow to draw at the default
    /// size, halved for safety: build trees with `CallTree(…, pruneFraction:)` at this.
    /// It must follow `width` and `minimumFrameWidth`; the analysis keeps it.
    public static let pruneFraction = CallTree.flameGraphPruneFraction
    /// Rows below the root; deeper frames are not drawn (their value stays in their
    /// ancestors' width, and the last drawn frame's title says so).
    public var maximumDepth = 200
    /// At most this many frames are drawn (about 200 bytes each): past it, the
    /// minimum frame width doubles until they fit.
    public var maximumFrames = 4000

    public init(tree: CallTree, title: String) {
        self.tree = tree
        self.title = title
    }

    /// The complete `<svg>` element.
    public func svg() -> String {
        let tree = self.tree
        let unit = tree.sampleType.unit
        let (boxes, usedMinimumWidth) = FlameGraphLayout.boxes(
            root: CallTree.root, children: { tree.children(of: $0) }, isTruncated: { tree.isTruncated($0) }, size: { tree.nodes[$0].total }, width: width,
            minimumWidth: minimumFrameWidth, maximumDepth: maximumDepth, maximumBoxes: maximumFrames)
        guard !boxes.isEmpty else {
            return FlameGraphSVG.empty(title: title, message: "No samples with a positive \(tree.sampleType.type) value.", width: width)
        }
        let rootTotal = tree.total
        var drawing = FlameGraphSVG(width: width, rowHeight: rowHeight, top: 0)
        for box in boxes {
            switch box.content {
            case .node(let node) where node == CallTree.root:
                let value = FlameGraphValueFormat.value(rootTotal, unit: unit)
                drawing.addFrame(depth: 0, x: box.x, width: box.width, fill: FlameGraphPalette.root,
                                 titleLines: ["all samples", "\(tree.sampleType.type): \(value), 100%",
                                              "\(FlameGraphValueFormat.grouped(Int64(tree.sampleCount))) samples"],
                                 labels: ["all: \(FlameGraphValueFormat.short(rootTotal, unit: unit)) \(tree.sampleType.type)", "all"])
            case .node(let node):
                let n = tree.nodes[node]
                let function = tree.function(of: node)!
                var lines = [function.name]
                if let location = Self.location(file: function.filename, line: n.line) { lines.append(location) }
                lines.append("\(FlameGraphValueFormat.value(n.total, unit: unit)), \(FlameGraphValueFormat.percent(n.total, of: rootTotal)) of all")
                if n.selfValue != 0 {
                    lines.append("self: \(FlameGraphValueFormat.value(n.selfValue, unit: unit)), \(FlameGraphValueFormat.percent(n.selfValue, of: rootTotal)) of all")
                }
                if box.hidesChildren { lines.append("(frames below are not drawn)") }
                drawing.addFrame(depth: box.depth, x: box.x, width: box.width,
                                 fill: FlameGraphPalette.color(forFunction: function.name),
                                 titleLines: lines, labels: FlameGraphSVG.labelCandidates(forFunction: function.name))
            case .merged(let nodes):
                drawing.addFrame(depth: box.depth, x: box.x, width: box.width, fill: FlameGraphPalette.merged,
                                 titleLines: ["\(nodes.count) smaller frames, each too narrow to draw",
                                              "\(FlameGraphValueFormat.value(box.size, unit: unit)), \(FlameGraphValueFormat.percent(box.size, of: rootTotal)) of all together"],
                                 labels: ["\(nodes.count) smaller frames", "\(nodes.count) frames"], labelColor: "#555")
            }
        }
        let description = "Icicle flame graph of \(tree.sampleType.type) (\(FlameGraphValueFormat.value(rootTotal, unit: unit)) in all): "
            + "the top row is all samples, each row below splits its callers' width among the functions they call, "
            + "and a frame's width is its share. Colours stand for Go packages. "
            + FlameGraphSVG.countNote(frames: drawing.frameCount, minimumWidth: usedMinimumWidth, of: width)
        return FlameGraphSVG.document(title: title, description: description, width: width,
                                      height: drawing.rowsHeight + 1, content: drawing.body)
    }

    /// `"/app/main.go:42"`, `"/app/main.go"`, or nil without a file.
    static func location(file: String, line: Int64) -> String? {
        guard !file.isEmpty else { return line > 0 ? "line \(line)" : nil }
        return line > 0 ? "\(file):\(line)" : file
    }
}
