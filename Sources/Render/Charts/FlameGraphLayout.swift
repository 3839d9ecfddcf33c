import Analysis
/// Where the boxes of an icicle flame graph go: the root spans the full width on the
/// top row, and each node's children share its width below it in proportion to their
/// size, largest first, leaving the node's own (self) part empty at the right.
///
/// Children narrower than `minimumWidth` are not drawn one by one: together they become
/// one box, placed after their wider siblings, that keeps their combined size, so no
/// value disappears and thousands of slivers do not bloat the output. A lone narrow
/// child is drawn as itself. Nothing below a narrow box is drawn.
struct FlameGraphLayout {
    enum Content: Equatable {
        /// One node of the tree.
        case node(Int)
        /// Several sibling nodes, each too narrow to draw.
        case merged([Int])
    }

    struct Box: Equatable {
        var content: Content
        /// The row: the tree depth, 0 for the root.
        var depth: Int
        var x: Double
        var width: Double
        /// The size the box stands for (the sum, for merged nodes).
        var size: Int64
        /// Whether the node has children that are not drawn because of the depth limit
        /// or because the node itself is narrow.
        var hidesChildren: Bool
    }

    /// `boxes` with at most `maximumBoxes` boxes: when there would be more, the minimum
    /// width doubles until they fit, which bounds the size of the SVG whatever the
    /// profile. Returns the boxes and the minimum width used.
    static func boxes(root: Int, children: (Int) -> CallTreeChildren, isTruncated: (Int) -> Bool = { _ in false },
                      size: (Int) -> Int64, width: Double,
                      minimumWidth: Double, maximumDepth: Int, maximumBoxes: Int) -> (boxes: [Box], minimumWidth: Double) {
        var minimumWidth = max(minimumWidth, 0.1)
        while true {
            let result = boxes(root: root, children: children, isTruncated: isTruncated, size: size, width: width,
                               minimumWidth: minimumWidth, maximumDepth: maximumDepth)
            if result.count <= max(maximumBoxes, 1) || minimumWidth >= width { return (result, minimumWidth) }
            minimumWidth *= 2
        }
    }

    /// The boxes, in depth-first order (a node, then its children's subtrees).
    /// `size(node)` is clamped at zero; a node's children are fitted into its size even
    /// if theirs add up to more (which only negative values can cause). Rows go from
    /// 0 (the root) to `maximumDepth`. Empty when the root's size is not positive.
    /// `isTruncated(node)` says a node has callers-below that were left out when the
    /// tree was built (pruned), which a box shows like children hidden by the layout.
    static func boxes(root: Int, children: (Int) -> CallTreeChildren, isTruncated: (Int) -> Bool,
                      size: (Int) -> Int64, width: Double, minimumWidth: Double, maximumDepth: Int) -> [Box] {
        let rootSize = max(0, size(root))
        guard rootSize > 0 else { return [] }
        let scale = width / Double(rootSize)
        var boxes: [Box] = []
        // Nodes to lay out below: (node, its offset in value units, its size, its depth).
        var pending: [(node: Int, offset: Int64, size: Int64, depth: Int)] = []
        boxes.append(Box(content: .node(root), depth: 0, x: 0, width: width, size: rootSize,
                         hidesChildren: maximumDepth == 0 && !children(root).isEmpty || isTruncated(root)))
        if maximumDepth > 0 { pending.append((root, 0, rootSize, 0)) }

        while let (node, offset, available, depth) = pending.popLast() {
            // Children by size, largest first; ties keep the tree's order.
            var sized: [(node: Int, size: Int64)] = []
            for child in children(node) {
                let childSize = max(0, size(child))
                if childSize > 0 { sized.append((child, childSize)) }
            }
            sized = sized.enumerated().sorted { a, b in
                a.element.size != b.element.size ? a.element.size > b.element.size : a.offset < b.offset
            }.map(\.element)

            var cursor = offset, remaining = available
            var narrow: [Int] = [], narrowSize: Int64 = 0
            var wide: [(node: Int, offset: Int64, size: Int64)] = []
            for (child, childSize) in sized {
                let fitted = min(childSize, remaining)
                guard fitted > 0 else { break }
                remaining -= fitted
                if Double(fitted) * scale >= minimumWidth {
                    wide.append((child, cursor, fitted))
                    cursor += fitted
                } else {
                    narrow.append(child)
                    narrowSize += fitted
                }
            }
            let childDepth = depth + 1
            for (child, childOffset, childSize) in wide {
                let hasChildren = !children(child).isEmpty
                boxes.append(Box(content: .node(child), depth: childDepth, x: Double(childOffset) * scale,
                                 width: Double(childSize) * scale, size: childSize,
                                 hidesChildren: (hasChildren && childDepth >= maximumDepth) || isTruncated(child)))
            }
            if narrowSize > 0 {
                let content: Content = narrow.count == 1 ? .node(narrow[0]) : .merged(narrow)
                boxes.append(Box(content: content, depth: childDepth, x: Double(cursor) * scale,
                                 width: Double(narrowSize) * scale, size: narrowSize,
                                 hidesChildren: narrow.count == 1 && (!children(narrow[0]).isEmpty || isTruncated(narrow[0]))))
            }
            if childDepth < maximumDepth {
                // Reversed, so the first child is laid out first.
                for (child, childOffset, childSize) in wide.reversed() where !children(child).isEmpty {
                    pending.append((child, childOffset, childSize, childDepth))
                }
            }
        }
        return boxes
    }
}
