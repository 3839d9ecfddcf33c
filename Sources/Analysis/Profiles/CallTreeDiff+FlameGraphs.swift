import MemoryModel

extension CallTreeDiff {
    /// The diff pruned for its two flame graphs, drawing exactly what the unpruned diff
    /// draws: nodes that only one profile reaches and that are smaller than `fraction`
    /// of the view that could show them are not expanded. Below such a node everything
    /// belongs to one side, so its `baseOnly` is exact without its subtree (all of its
    /// base, or nothing); nodes both profiles reach are always expanded.
    ///
    /// The current view is sized by current values; the base-only view by `baseOnly`,
    /// whose total is known only once the tree is built. A first build prunes at the
    /// current total's share; when the stacks only in the base weigh less than that, the
    /// tree is built again at their share (at worst unpruned). Unpruned, a diff of two
    /// random 1,000,000-sample profiles built ~36 million nodes (6.7 GB) to draw a few
    /// thousand frames.
    public static func forFlameGraphs(current: Profile, base: Profile, sampleType: Int, baseSampleType: Int,
                                      normalize: Bool = false, fraction: Double) -> CallTreeDiff {
        let currentTotal = abs(CallTreeBuilder.sum(of: current, typeIndex: sampleType))
        var threshold = Int64(Double(currentTotal) * fraction)
        while true {
            let diff = CallTreeDiff(current: current, base: base, sampleType: sampleType, baseSampleType: baseSampleType,
                                    normalize: normalize, pruneBelow: threshold, keepShared: true)
            let needed = Int64(Double(max(diff.nodes.baseOnly[root], 0)) * fraction)
            // Nothing was pruned: a lower threshold would build the same tree again.
            if threshold <= needed || threshold == 0 || !diff.prunedSome { return diff }
            threshold = needed
        }
    }
}
