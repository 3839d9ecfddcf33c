import MemoryModel

/// A profile's samples as a call tree for one sample type: the root stands for all
/// samples, its children are the outermost frames (`runtime.goexit`, `main.main`), and
/// each path down to a node is a distinct stack prefix, callers first.
///
/// Frames are functions told apart by name (pprof's default `functions` granularity).
/// A location with several lines (inlining) gives one frame per line, so inlined
/// functions are frames of their own. Recursion gives nested nodes of the same function.
/// Samples whose value is zero are left out, as pprof does.
///
/// A node's `total` is pprof's *cum* (the samples whose stack passes through it) and
/// its `selfValue` pprof's *flat* (the samples whose stack ends there), so for every
/// node `selfValue + Σ children's total == total`, and the root's total is the sum of
/// all sample values.
public struct CallTree: Sendable, Equatable, CallTreeNavigation {
    public struct Node: Sendable, Equatable {
        /// Index into `CallTree.functions`; −1 for the root.
        public var function: Int32
        /// A representative line: the line of the first sample that reached the node.
        public var line: Int64
        /// pprof's *cum*: the values of the samples whose stack passes through the node.
        public var total: Int64
        /// pprof's *flat*: the values of the samples whose stack ends at the node.
        public var selfValue: Int64
        /// Index of the parent node; −1 for the root.
        public var parent: Int32
        /// 0 for the root, 1 for the outermost frames.
        public var depth: Int32
    }

    /// The nodes, stored by column (a large profile makes millions of them) and read
    /// as `Node` values. A parent precedes its children.
    public struct Nodes: RandomAccessCollection, Sendable, Equatable {
        let function: [Int32]
        let line: [Int64]
        let total: [Int64]
        let selfValue: [Int64]
        let parent: [Int32]
        let depth: [Int32]

        public var startIndex: Int { 0 }
        public var endIndex: Int { parent.count }
        public subscript(index: Int) -> Node {
            Node(function: function[index], line: line[index], total: total[index], selfValue: selfValue[index],
                 parent: parent[index], depth: depth[index])
        }
    }

    /// The index of the root node.
    public static let root = 0

    public let sampleType: ValueType
    public let functions: [CallTreeFunction]
    /// Every node; `nodes[CallTree.root]` is the root.
    public let nodes: Nodes
    /// Samples that contributed (non-zero value).
    public let sampleCount: Int
    /// True only for absurd input whose values would overflow when summed; they were
    /// clamped so nothing traps.
    public let valuesWereClamped: Bool
    private let childStarts: [Int32]
    private let childList: [Int32]
    private let truncated: [Bool]

    /// The share of the root below which a node is too narrow for a flame graph to
    /// draw at its default size (a 1.5-unit frame of 1200), halved for safety: the
    /// `pruneFraction` the report's and the profile page's trees are built at.
    public static let flameGraphPruneFraction = 1.5 / 1200 / 2

    /// The tree of `profile`'s values of sample type `sampleType` (an index into
    /// `profile.sampleTypes`, which must be valid).
    ///
    /// With `pruneFraction` > 0, nodes smaller than that fraction of the root are not
    /// expanded (their totals are exact, their self values 0, they have no children):
    /// what a flame graph needs, at a fraction of the cost.
    public init(profile: Profile, sampleType: Int, pruneFraction: Double = 0) {
        precondition(profile.sampleTypes.indices.contains(sampleType), "sample type index out of range")
        let rootTotal = abs(CallTreeBuilder.sum(of: profile, typeIndex: sampleType))
        let threshold = pruneFraction > 0 ? Int64(Double(rootTotal) * pruneFraction) : 0
        let builder = CallTreeBuilder(inputs: [.init(profile: profile, typeIndex: sampleType)], pruneBelow: threshold)
        let total = builder.total
        let functions = builder.functions, function = builder.function
        let children = builder.children { a, b in
            if total[a] != total[b] { return total[a] > total[b] }
            return functions[Int(function[a])].name < functions[Int(function[b])].name
        }
        self.sampleType = profile.sampleTypes[sampleType]
        self.functions = functions
        self.nodes = Nodes(function: function, line: builder.line, total: total, selfValue: builder.selfValue,
                           parent: builder.parent, depth: builder.depth)
        self.childStarts = children.starts
        self.childList = children.list
        self.sampleCount = builder.sampleCounts[0]
        self.valuesWereClamped = builder.clamped
        self.truncated = builder.truncated
    }

    /// Whether `node` has callees that were left out because the tree was pruned.
    public func isTruncated(_ node: Int) -> Bool {
        node < truncated.count && truncated[node]
    }

    /// The root's total: the sum of all sample values.
    public var total: Int64 { nodes.total[Self.root] }

    /// The children of `node`, largest total first, then by name. (A slice: its
    /// indices are positions in a larger array, so iterate it rather than index it.)
    public func children(of node: Int) -> CallTreeChildren {
        childList[Int(childStarts[node])..<Int(childStarts[node + 1])].lazy.map { Int($0) }
    }

    public func parent(of node: Int) -> Int {
        Int(nodes.parent[node])
    }

    /// The function of `node`; nil for the root.
    public func function(of node: Int) -> CallTreeFunction? {
        let index = nodes.function[node]
        return index < 0 ? nil : functions[Int(index)]
    }

    /// The sample type pprof shows by default: the one `defaultSampleType` names, else
    /// the last one. nil when the profile has no sample types.
    public static func defaultSampleTypeIndex(of profile: Profile) -> Int? {
        profile.sampleTypes.isEmpty ? nil : profile.defaultSampleTypeIndex
    }
}
