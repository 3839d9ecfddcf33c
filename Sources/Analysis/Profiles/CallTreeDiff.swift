import MemoryModel

/// Two profiles' call trees laid over each other, as pprof's `-diff_base` compares
/// them: one node per stack prefix found in either, with the current value, the base
/// value and `delta = current − base`.
///
/// Functions are matched by name, since function indices differ between profiles.
/// Percentages of a diff are meant relative to `baseTotal`, as pprof shows them.
///
/// With `normalize`, every base sample value is multiplied by `currentTotal /
/// rawBaseTotal` (rounded half away from zero, per sample, so totals still add up), so
/// the base is compared at the current profile's size and the current values stay the
/// real ones. pprof's `-normalize` scales the other way (current to the base's total);
/// the deltas differ from pprof's only by that constant factor.
public struct CallTreeDiff: Sendable, Equatable, CallTreeNavigation {
    public struct Node: Sendable, Equatable {
        /// Index into `CallTreeDiff.functions`; −1 for the root.
        public var function: Int32
        /// A representative line: the first one seen, current profile first.
        public var line: Int64
        /// Total (cum) in the current profile.
        public var current: Int64
        /// Total (cum) in the base profile (scaled when normalized).
        public var base: Int64
        /// Self (flat) in the current profile.
        public var currentSelf: Int64
        /// Self (flat) in the base profile (scaled when normalized).
        public var baseSelf: Int64
        /// The part of `base` in stacks the current profile lacks: all of `base` where
        /// `current` is zero, else the sum of the children's. This is what a view sized
        /// by the current profile cannot show.
        public var baseOnly: Int64
        /// Index of the parent node; −1 for the root.
        public var parent: Int32
        /// 0 for the root, 1 for the outermost frames.
        public var depth: Int32

        /// `current − base` (pprof's diff value).
        public var delta: Int64 { current - base }
        /// `currentSelf − baseSelf`.
        public var selfDelta: Int64 { currentSelf - baseSelf }
    }

    /// The nodes, stored by column and read as `Node` values. A parent precedes its
    /// children.
    public struct Nodes: RandomAccessCollection, Sendable, Equatable {
        let function: [Int32]
        let line: [Int64]
        /// Current and base totals, interleaved as the builder made them (node `n`'s are
        /// at `2n` and `2n + 1`): the builder's own array, kept rather than split into
        /// two copies, which for the millions of nodes of a large diff were a third of
        /// its peak memory. `selves` likewise.
        let totals: [Int64]
        let selves: [Int64]
        let baseOnly: [Int64]
        let parent: [Int32]
        let depth: [Int32]

        public var startIndex: Int { 0 }
        public var endIndex: Int { parent.count }
        public subscript(index: Int) -> Node {
            Node(function: function[index], line: line[index], current: totals[2 * index], base: totals[2 * index + 1],
                 currentSelf: selves[2 * index], baseSelf: selves[2 * index + 1], baseOnly: baseOnly[index],
                 parent: parent[index], depth: depth[index])
        }
    }

    public static let root = 0

    public let sampleType: ValueType
    public let functions: [CallTreeFunction]
    public let nodes: Nodes
    /// Whether the base was scaled to the current total.
    public let isNormalized: Bool
    /// The factor base values were multiplied by: 1 unless normalized.
    public let baseScale: Double
    /// The base's sum of sample values before scaling.
    public let rawBaseTotal: Int64
    /// True only for absurd input whose values would overflow when summed.
    public let valuesWereClamped: Bool
    private let childStarts: [Int32]
    private let childList: [Int32]
    /// Per node: pruned while some sample went on below it.
    private let truncated: [Bool]
    /// Whether `pruneBelow` left some node unexpanded.
    let prunedSome: Bool

    /// Compares `current` against `base`, for sample type `sampleType` of `current`
    /// and `baseSampleType` of `base` (indices that must be valid; see
    /// `sampleTypeIndex(of:in:)` to find the matching one).
    ///
    /// With `normalize`, when the base's total is zero nothing is scaled.
    /// `pruneFraction` > 0 leaves nodes smaller than that fraction of the larger total
    /// unexpanded, as `CallTree` does; 0 keeps everything.
    public init(current: Profile, base: Profile, sampleType: Int, baseSampleType: Int, normalize: Bool = false,
                pruneFraction: Double = 0) {
        let scale = Self.baseScale(current: current, base: base, sampleType: sampleType, baseSampleType: baseSampleType,
                                   normalize: normalize)
        let largest = max(abs(CallTreeBuilder.sum(of: current, typeIndex: sampleType)),
                          abs(Int64(Double(CallTreeBuilder.sum(of: base, typeIndex: baseSampleType)) * scale)))
        self.init(current: current, base: base, sampleType: sampleType, baseSampleType: baseSampleType, normalize: normalize,
                  pruneBelow: pruneFraction > 0 ? Int64(Double(largest) * pruneFraction) : 0)
    }

    /// The factor a normalized diff multiplies base values by (1 when not normalizing or
    /// when the base's total is zero).
    static func baseScale(current: Profile, base: Profile, sampleType: Int, baseSampleType: Int, normalize: Bool) -> Double {
        let rawBaseTotal = CallTreeBuilder.sum(of: base, typeIndex: baseSampleType)
        guard normalize, rawBaseTotal != 0 else { return 1 }
        return Double(CallTreeBuilder.sum(of: current, typeIndex: sampleType)) / Double(rawBaseTotal)
    }

    /// As above, leaving nodes whose |total| is below `threshold` in both profiles
    /// unexpanded (their totals are exact; their self values are 0 and they have no
    /// children). 0 keeps everything. With `keepShared`, nodes that both profiles reach
    /// are expanded whatever their size, so `baseOnly` stays exact everywhere: below a
    /// node only one profile reaches, everything is that profile's alone.
    public init(current: Profile, base: Profile, sampleType: Int, baseSampleType: Int, normalize: Bool = false,
                pruneBelow threshold: Int64, keepShared: Bool = false) {
        precondition(current.sampleTypes.indices.contains(sampleType), "sample type index out of range")
        precondition(base.sampleTypes.indices.contains(baseSampleType), "base sample type index out of range")
        let rawBaseTotal = CallTreeBuilder.sum(of: base, typeIndex: baseSampleType)
        let scale = Self.baseScale(current: current, base: base, sampleType: sampleType, baseSampleType: baseSampleType,
                                   normalize: normalize)
        let builder = CallTreeBuilder(inputs: [.init(profile: current, typeIndex: sampleType),
                                               .init(profile: base, typeIndex: baseSampleType, scale: scale)],
                                      pruneBelow: threshold, keepShared: keepShared)
        let count = builder.nodeCount
        let totals = builder.total
        let functions = builder.functions, function = builder.function, parent = builder.parent
        let children = builder.children { a, b in
            if totals[2 * a] != totals[2 * b] { return totals[2 * a] > totals[2 * b] }
            if totals[2 * a + 1] != totals[2 * b + 1] { return totals[2 * a + 1] > totals[2 * b + 1] }
            return functions[Int(function[a])].name < functions[Int(function[b])].name
        }

        // Children come after their parents, so one backward pass sums the base-only parts.
        var baseOnly = [Int64](repeating: 0, count: count)
        for node in stride(from: count - 1, through: 0, by: -1) {
            if totals[2 * node] == 0 { baseOnly[node] = totals[2 * node + 1] }
            if node > 0 { baseOnly[Int(parent[node])] += baseOnly[node] }
        }

        self.sampleType = current.sampleTypes[sampleType]
        self.functions = functions
        self.nodes = Nodes(function: function, line: builder.line, totals: totals, selves: builder.selfValue,
                           baseOnly: baseOnly, parent: parent, depth: builder.depth)
        self.isNormalized = normalize && scale != 1
        self.baseScale = scale
        self.rawBaseTotal = rawBaseTotal
        self.valuesWereClamped = builder.clamped
        self.childStarts = children.starts
        self.childList = children.list
        self.truncated = builder.truncated
        self.prunedSome = builder.prunedSome
    }

    public var currentTotal: Int64 { nodes[Self.root].current }
    /// The base total after scaling: the denominator of a diff's percentages.
    public var baseTotal: Int64 { nodes[Self.root].base }
    public var deltaTotal: Int64 { nodes[Self.root].delta }

    /// The children of `node`: largest current total first, then largest base, then by name.
    public func children(of node: Int) -> CallTreeChildren {
        childList[Int(childStarts[node])..<Int(childStarts[node + 1])].lazy.map { Int($0) }
    }

    /// Whether `node` was left unexpanded (pruned) although stacks go on below it: a
    /// drawing shows it like a node whose children it hides.
    public func isTruncated(_ node: Int) -> Bool {
        node < truncated.count && truncated[node]
    }

    public func parent(of node: Int) -> Int {
        Int(nodes.parent[node])
    }

    public func function(of node: Int) -> CallTreeFunction? {
        let index = nodes.function[node]
        return index < 0 ? nil : functions[Int(index)]
    }

    /// The index of the sample type in `profile` with the same type and unit as
    /// `sampleType`, if any: how to find the base's column for a current's column.
    public static func sampleTypeIndex(of sampleType: ValueType, in profile: Profile) -> Int? {
        profile.sampleTypes.firstIndex(of: sampleType)
    }
}
