import MemoryModel

/// The rows of `go tool pprof -top`: flat, cum and their shares per function (or per
/// source line), computed the way pprof computes them so that values, order and the
/// dropped and shown counts match it exactly.
///
/// pprof's rules, reproduced here: a frame's node is its function name (`.functions`)
/// or function, file and line (`.lines`); inlined frames are nodes of their own; cum
/// counts a sample once per node however often the node recurs in its stack; flat goes
/// to the leaf frame; zero-valued samples are ignored; nodes whose |cum| is below
/// `nodeFraction` × (sum of flat) are dropped (0.005 by default); the rest are sorted
/// by |flat| descending, then name (bytewise), then |cum| descending; `nodeCount`
/// keeps the first rows. Percentages are of `total`, the sum of |values| (for a diff,
/// of the base's values, as pprof's `-diff_base` does).
public struct ProfileTop: Sendable, Equatable {
    public enum Granularity: Sendable, Equatable {
        case functions
        case lines
    }

    public struct Row: Sendable, Equatable {
        /// pprof's printable name: the function, or `function file:line` for `.lines`.
        public var name: String
        public var function: String
        public var file: String
        public var line: Int64
        public var flat: Int64
        public var cum: Int64
        /// `(inline)` when every call into the node is inlined, `(partial-inline)` when
        /// some are, else empty: pprof's label, from the edges that survive its trimming.
        public var inlineLabel: String
    }

    public var sampleType: ValueType
    /// The denominator of every percentage.
    public var total: Int64
    public var rows: [Row]
    /// Nodes left after the node-fraction cut, before `nodeCount` ("out of M").
    public var nodesAfterCut: Int
    /// Nodes dropped by the node-fraction cut, and the cum value they were at or below.
    public var droppedNodes: Int
    public var dropCutoff: Int64
    /// The flat values of the shown rows, added up ("accounting for").
    public var shownFlat: Int64 { rows.reduce(0) { $0 + $1.flat } }
}
