import MemoryModel

/// Builds the nodes `CallTree` and `CallTreeDiff` share: one node per distinct path of
/// function names from the root, with a total and a self value for each input profile
/// (one for a tree, two for a diff, whose functions are matched by name).
///
/// Speed matters (200,000 samples of ~30 frames are normal, and memory latency, not
/// arithmetic, is what costs). Names are interned once per profile function and each
/// location is expanded once into its frames. Then the tree is built one depth at a
/// time, like a radix sort: the samples that reached a node sit together, so a node's
/// children are found with an array indexed by function (no hashing, no strings), and
/// a stable counting sort groups the samples by child for the next depth. Nodes are
/// created in a fixed order (by depth, then parent, then first use), and a node's line
/// is the one of the first sample (in input order) that reaches it.
///
/// Memory matters too (issue 8: a page's peak under 3× its input). Beyond the nodes, the
/// builder holds 20 bytes per sample and, a few depths at a time, the frames (2 bytes
/// each in nearly every profile) of the samples still going down: a flame graph's
/// pruned tree stops most samples within a few depths. At 1,000,000 samples of ~19
/// frames it adds ~28 MB to the decoded profile, where expanding every frame up front
/// added ~126 MB.
struct CallTreeBuilder {
    struct Input {
        var profile: Profile
        var typeIndex: Int
        /// Each value is multiplied by this and rounded half away from zero, as pprof's
        /// `ScaleN` does.
        var scale: Double = 1
    }

    /// No sum of sample magnitudes goes above this, so totals, and current − base in a
    /// diff, cannot overflow. Real profiles are many orders of magnitude below it.
    static let valueLimit = Int64.max / 4

    let slots: Int
    private(set) var functions: [CallTreeFunction] = []
    private var functionIndex: [String: Int32] = [:]

    // Node columns; node 0 is the root, and a parent always precedes its children.
    private(set) var parent: [Int32] = [-1]
    private(set) var function: [Int32] = [-1]
    private(set) var line: [Int64] = [0]
    private(set) var depth: [Int32] = [0]
    /// Totals and self values, `slots` per node: `total[node * slots + slot]`.
    private(set) var total: [Int64]
    private(set) var selfValue: [Int64]
    /// Samples with a non-zero value, per input.
    private(set) var sampleCounts: [Int]
    /// Whether some input's values were so large they had to be clamped.
    private(set) var clamped = false
    /// Whether some node was left unexpanded: if not, a lower `pruneBelow` builds the
    /// same tree.
    private(set) var prunedSome = false
    /// Per node: it was pruned while some sample went on below it.
    private(set) var truncated: [Bool] = [false]

    var nodeCount: Int { parent.count }

    /// The sum of value `typeIndex` over all samples, saturated at `valueLimit`.
    static func sum(of profile: Profile, typeIndex: Int) -> Int64 {
        let stride = profile.sampleTypes.count
        var sum: Int64 = 0
        for sample in 0..<profile.sampleCount {
            let (next, overflow) = sum.addingReportingOverflow(profile.values[sample * stride + typeIndex])
            if overflow { return next < 0 ? valueLimit : -valueLimit }
            sum = next
        }
        return max(-valueLimit, min(valueLimit, sum))
    }

    /// A stretch of depths, `first ..< end`, of the samples that were still going down
    /// when it was made: for depth `first + k`, `frame[starts[k] + r]` is the frame at
    /// that depth of the `r`-th of them (in input order) whose stack is that deep, and
    /// `goesOn[starts[k] + r]` whether that stack is deeper than `first + k + 1` frames.
    /// A depth's column is small enough to stay in cache, while a sample-by-sample
    /// layout would cost a cache miss per frame.
    ///
    /// A sample's rank at depth `d + 1` is the number of samples before it in depth
    /// `d`'s column whose stacks go on (the columns keep input order), so one bit per
    /// frame gives it (`next`), where a 4-byte rank per frame cost as much as `frame`.
    ///
    /// Frames are most of the builder's memory, hence stretches: a flame graph's pruned
    /// tree stops most samples within a few depths (at 1,000,000 samples of ~19 frames,
    /// none went below depth 3), so all depths at once held ~19 million frames of which
    /// ~2 million were read. And `Frame` is as narrow as the frame indices allow:
    /// `UInt16` when there are at most 65,536 frames (lines of locations), as in nearly
    /// every profile, else `UInt32`.
    private struct DepthColumns<Frame: FixedWidthInteger & UnsignedInteger> {
        var first = 0
        var starts: [Int] = [0]
        var frame: [Frame] = []
        var goesOn = RankedBits(count: 0)

        /// One past the last depth held.
        var end: Int { first + starts.count - 1 }

        /// The rank at depth `d + 1` of the sample at `position` of depth `d`'s column,
        /// which starts at `column`; −1 when its stack ends at depth `d`.
        @inline(__always)
        func next(_ position: Int, column: Int) -> Int32 {
            goesOn[position] ? Int32(goesOn.rank(before: position) - goesOn.rank(before: column)) : -1
        }
    }

    /// Where the samples' stacks are, to expand them a stretch of depths at a time.
    private struct SampleSource {
        var inputs: [Input]
        /// Per input: each location's frames.
        var locationFrames: [LocationFrames]
        /// Samples are numbered across inputs: input `i`'s are `sampleStarts[i] ..< sampleStarts[i + 1]`.
        var sampleStarts: [Int]
        /// Frames of all contributing samples: nodes never outnumber them (plus the root).
        var frameCount = 0
        /// The most frames of any contributing sample: no stretch need go deeper.
        var deepest = 0
    }

    /// One input's locations as frames: location `l`'s frames, outermost first, are
    /// `frames[starts[l] ..< starts[l + 1]]`, indices into the builder's frame columns.
    private struct LocationFrames {
        var starts: [Int] = [0]
        var frames: [Int32] = []
    }

    /// What makes a frame: a function of this builder and a line. Frames are interned
    /// by it, so the inputs of a diff share theirs and stay within the narrow columns.
    private struct FrameKey: Hashable {
        var function: Int32
        var line: Int64
    }

    /// The samples on their way down, one per contributing sample, 16 bytes each in
    /// parallel arrays (the loops over ranks alone read 4 bytes a walker, not 16):
    /// `rank` is the sample's rank in the current depth's column (−1 once its stack has
    /// ended; before the first stretch, 0 for all), `code` its value and input as
    /// `value << 1 | slot` (|value| ≤ `valueLimit` < 2⁶¹, so it fits), and `sample` its
    /// number across inputs, to find its stack for the next stretch. Walkers are carried
    /// along in runs rather than looked up by sample, so each depth reads memory in order.
    private struct Walkers {
        var rank: [Int32] = []
        var code: [Int64] = []
        var sample: [UInt32] = []

        @inline(__always)
        static func code(value: Int64, slot: Int) -> Int64 { value << 1 | Int64(slot) }
        @inline(__always)
        static func value(_ code: Int64) -> Int64 { code >> 1 }
        @inline(__always)
        static func slot(_ code: Int64) -> Int { Int(code & 1) }
    }

    /// - Parameter inputs: one profile (a tree) or two (a diff's current and base).
    /// - Parameter pruneBelow: nodes whose |total| (in every input) is below this are
    ///   kept, with their totals, but not expanded: their self values stay 0 and they
    ///   get no children. A flame graph cannot draw such frames anyway, and skipping
    ///   their subtrees is most of the work on a bushy profile. 0 keeps everything.
    /// - Parameter keepShared: also expand small nodes that every input reaches, so a
    ///   diff can still tell, below them, the stacks only one side has.
    init(inputs: [Input], pruneBelow: Int64 = 0, keepShared: Bool = false) {
        precondition((1...2).contains(inputs.count), "a call tree has one or two inputs")
        slots = inputs.count
        total = [Int64](repeating: 0, count: slots)
        selfValue = [Int64](repeating: 0, count: slots)
        sampleCounts = [Int](repeating: 0, count: slots)

        var frameFunctions: [Int32] = [], frameLines: [Int64] = []
        var walkers = Walkers()
        let source = readSamples(of: inputs, frameFunctions: &frameFunctions, frameLines: &frameLines, walkers: &walkers)
        if frameFunctions.count <= Int(UInt16.max) + 1 {
            grow(UInt16.self, source: source, walkers: &walkers, frameFunctions: frameFunctions, frameLines: frameLines,
                 pruneBelow: pruneBelow, keepShared: keepShared)
        } else {
            grow(UInt32.self, source: source, walkers: &walkers, frameFunctions: frameFunctions, frameLines: frameLines,
                 pruneBelow: pruneBelow, keepShared: keepShared)
        }
    }

    /// Builds the nodes below the root, one depth at a time (see the type's comment),
    /// expanding the stacks a stretch of depths at a time as the walkers get there.
    /// The walkers are `inout`, not a copy: with a second reference alive, the first
    /// write to each of their arrays would copy it whole.
    private mutating func grow<Frame: FixedWidthInteger & UnsignedInteger>(
        _: Frame.Type, source: SampleSource, walkers: inout Walkers, frameFunctions: [Int32], frameLines: [Int64],
        pruneBelow: Int64, keepShared: Bool
    ) {
        var columns = DepthColumns<Frame>()
        // Move the columns out so appends and increments do not copy them.
        var parent: [Int32] = [], function: [Int32] = [], line: [Int64] = [], depth: [Int32] = []
        var total: [Int64] = [], selfValue: [Int64] = [], truncated: [Bool] = []
        swap(&parent, &self.parent); swap(&function, &self.function); swap(&line, &self.line)
        swap(&depth, &self.depth); swap(&total, &self.total); swap(&selfValue, &self.selfValue)
        swap(&truncated, &self.truncated)
        let slots = self.slots
        // Reserving the most nodes there can be saves the copies of growing (the old and
        // the new buffer at once), and capacity never written costs no physical memory.
        let maximumNodes = source.frameCount + 1
        parent.reserveCapacity(maximumNodes); function.reserveCapacity(maximumNodes)
        line.reserveCapacity(maximumNodes); depth.reserveCapacity(maximumNodes)
        total.reserveCapacity(maximumNodes * slots); selfValue.reserveCapacity(maximumNodes * slots)

        // The walkers `0 ..< liveCount` are the samples still going down, grouped in
        // runs by the node they reached: run r is `runStarts[r] ..< runStarts[r + 1]`,
        // at node `runLevelStart + r`. Within a run, samples keep their input order.
        var liveCount = walkers.rank.count
        var runStarts: [Int32] = [0, Int32(liveCount)]
        var runCount = liveCount > 0 ? 1 : 0
        var runLevelStart = 0
        // Per walker: its frame at this depth, then the child it reached, then its place
        // for the next depth (one buffer for the three, each read before it is replaced).
        var target = [Int32](repeating: 0, count: liveCount)
        // Per function: the run that last made a child for it, and that child.
        var stamp = [Int32](repeating: -1, count: functions.count)
        var childOf = [Int32](repeating: 0, count: functions.count)
        var run: Int32 = 0
        var level = 0
        while liveCount > 0 {
            if level == columns.end {
                columns = DepthColumns()   // the last stretch goes before the next one comes
                columns = Self.expandSamples(from: level, source, walkers: &walkers, liveCount: liveCount)
            }
            let column = columns.starts[level - columns.first]
            // Each walker's frame at this depth, −1 where its stack ended.
            columns.frame.withUnsafeBufferPointer { frame in
                for index in 0..<liveCount {
                    let rank = Int(walkers.rank[index])
                    target[index] = rank >= 0 ? Int32(truncatingIfNeeded: frame[column + rank]) : -1
                }
            }
            // One child per distinct function within a run, made in order of first use.
            let levelStart = parent.count
            for r in 0..<runCount {
                let node = runLevelStart + r
                for index in Int(runStarts[r])..<Int(runStarts[r + 1]) {
                    let code = walkers.code[index]
                    let frame = Int(target[index])
                    if frame < 0 {
                        selfValue[node * slots + Walkers.slot(code)] &+= Walkers.value(code)
                        continue
                    }
                    let f = Int(frameFunctions[frame])
                    if stamp[f] != run {
                        stamp[f] = run
                        childOf[f] = Int32(parent.count)
                        parent.append(Int32(node))
                        function.append(Int32(f))
                        line.append(frameLines[frame])
                        depth.append(Int32(level + 1))
                        truncated.append(false)
                        for _ in 0..<slots {
                            total.append(0)
                            selfValue.append(0)
                        }
                    }
                    let child = childOf[f]
                    total[Int(child) * slots + Walkers.slot(code)] &+= Walkers.value(code)
                    target[index] = child
                }
                run += 1
            }
            // Walkers whose stack ended here still have −1; the pruned ones join them.
            let levelCount = parent.count - levelStart
            if pruneBelow > 0 {
                for index in 0..<liveCount where target[index] >= 0 {
                    let base = Int(target[index]) * slots
                    var significant = false
                    for slot in 0..<slots where abs(total[base + slot]) >= pruneBelow { significant = true }
                    if keepShared && !significant { significant = (0..<slots).allSatisfy { total[base + $0] != 0 } }
                    if !significant {
                        prunedSome = true
                        // Its stack goes on below: say so, since its children are not built.
                        if walkers.rank[index] >= 0, columns.goesOn[column + Int(walkers.rank[index])] {
                            truncated[Int(target[index])] = true
                        }
                        target[index] = -1
                    }
                }
            }
            // Regroup the walkers that go on by child (a stable counting sort): count
            // child k's walkers in `runStarts[k + 2]`; after the prefix sums,
            // `runStarts[k + 1]` is where child k's run starts and serves as its cursor,
            // which leaves it where run k + 1 starts.
            runStarts.removeAll(keepingCapacity: true)
            runStarts.append(contentsOf: repeatElement(0, count: levelCount + 2))
            for index in 0..<liveCount where target[index] >= 0 {
                runStarts[Int(target[index]) - levelStart + 2] += 1
            }
            for k in stride(from: 2, to: levelCount + 2, by: 1) { runStarts[k] += runStarts[k - 1] }
            for index in 0..<liveCount {
                guard target[index] >= 0 else { continue }
                let k = Int(target[index]) - levelStart + 1
                target[index] = runStarts[k]
                runStarts[k] += 1
                // At a stretch's last depth this is a rank in a column not made yet: the
                // next stretch replaces it; only whether it is −1 counts.
                walkers.rank[index] = columns.next(column + Int(walkers.rank[index]), column: column)
            }
            Self.move(&walkers, to: &target, count: liveCount)
            liveCount = Int(runStarts[levelCount])
            if liveCount * 2 < target.count { Self.shrink(&walkers, &target, to: liveCount) }
            runCount = levelCount
            runLevelStart = levelStart
            level += 1
        }

        swap(&parent, &self.parent); swap(&function, &self.function); swap(&line, &self.line)
        swap(&depth, &self.depth); swap(&total, &self.total); swap(&selfValue, &self.selfValue)
        swap(&truncated, &self.truncated)
    }

    /// Moves walker `i` (of `0 ..< count`) to `destination[i]`, or drops it where that is
    /// −1, in place: the destinations of the kept walkers are distinct and cover
    /// `0 ..< kept`. A second buffer of walkers would cost 16 bytes per sample, the
    /// largest buffer there is.
    ///
    /// Each kept walker is carried along its chain (to its destination, whose walker is
    /// carried on to its own destination, and so on) until a slot whose walker is
    /// dropped or already carried away; placed slots are marked −1 in `destination`.
    /// Keeps only the first `count` walkers, in buffers of that size: the nodes grow
    /// as the walkers die out, and buffers sized for every sample made a large diff's
    /// peak (at its deepest levels a tenth of the samples went on, in buffers for all).
    /// Halving at least each time keeps the copying linear in the samples.
    private static func shrink(_ walkers: inout Walkers, _ target: inout [Int32], to count: Int) {
        walkers.rank = Array(walkers.rank[..<count])
        walkers.code = Array(walkers.code[..<count])
        walkers.sample = Array(walkers.sample[..<count])
        target = Array(target[..<count])
    }

    private static func move(_ walkers: inout Walkers, to destination: inout [Int32], count: Int) {
        walkers.rank.withUnsafeMutableBufferPointer { rank in
            walkers.code.withUnsafeMutableBufferPointer { code in
                walkers.sample.withUnsafeMutableBufferPointer { sample in
                    destination.withUnsafeMutableBufferPointer { destination in
                        for start in 0..<count {
                            var target = Int(destination[start])
                            guard target >= 0 else { continue }
                            destination[start] = -1
                            guard target != start else { continue }
                            var carried = (rank[start], code[start], sample[start])
                            while true {
                                let onward = Int(destination[target])
                                let displaced = (rank[target], code[target], sample[target])
                                (rank[target], code[target], sample[target]) = carried
                                destination[target] = -1
                                if onward < 0 { break }
                                carried = displaced
                                target = onward
                            }
                        }
                    }
                }
            }
        }
    }

    /// Reads every contributing sample (non-zero value) of every input: one walker per
    /// sample, root totals and sample counts, the frame columns (each location's frames,
    /// outermost first), and the number of frames of all contributing samples.
    private mutating func readSamples(of inputs: [Input], frameFunctions: inout [Int32], frameLines: inout [Int64],
                                      walkers: inout Walkers) -> SampleSource {
        var source = SampleSource(inputs: inputs, locationFrames: [], sampleStarts: [0])
        var frameIndex: [FrameKey: Int32] = [:]
        let sampleTotal = inputs.reduce(0) { $0 + $1.profile.sampleCount }
        walkers.rank.reserveCapacity(sampleTotal); walkers.code.reserveCapacity(sampleTotal)
        walkers.sample.reserveCapacity(sampleTotal)
        for (slot, input) in inputs.enumerated() {
            let profile = input.profile
            let values = sampleValues(of: profile, typeIndex: input.typeIndex, scale: input.scale)
            let locationFrames = appendLocationFrames(of: profile, functions: &frameFunctions, lines: &frameLines,
                                                      index: &frameIndex)
            let frameStarts = locationFrames.starts
            let stackStarts = profile.stackStarts, stackLocations = profile.stackLocations
            let first = source.sampleStarts[slot]
            for sample in 0..<profile.sampleCount where values[sample] != 0 {
                var length = 0
                for index in Int(stackStarts[sample])..<Int(stackStarts[sample + 1]) {
                    let location = Int(stackLocations[index])
                    length += frameStarts[location + 1] - frameStarts[location]
                }
                source.frameCount += length
                source.deepest = max(source.deepest, length)
                walkers.rank.append(0)
                walkers.code.append(Walkers.code(value: values[sample], slot: slot))
                walkers.sample.append(UInt32(truncatingIfNeeded: first + sample))
                total[slot] &+= values[sample]
                sampleCounts[slot] += 1
            }
            source.locationFrames.append(locationFrames)
            source.sampleStarts.append(first + profile.sampleCount)
        }
        return source
    }

    /// The stretch of depths from `first` for the walkers `0 ..< liveCount` whose rank
    /// is not −1 (whose stack has a frame at `first`, or may have, before the first
    /// stretch), and their ranks in its first column (−1 where the stack has no frame
    /// there).
    ///
    /// A stretch spans 4 depths, or more when few samples remain, up to ~65,536 frames
    /// (and never beyond the deepest stack):
    /// each stretch reads the remaining stacks from their outermost frame again. Two
    /// passes over them: the first counts the frames at each depth, which gives the
    /// columns' sizes; the second writes each frame straight into its column (one write
    /// cursor per depth, so every column fills in order).
    private static func expandSamples<Frame: FixedWidthInteger & UnsignedInteger>(
        from first: Int, _ source: SampleSource, walkers: inout Walkers, liveCount: Int
    ) -> DepthColumns<Frame> {
        let sampleTotal = source.sampleStarts[source.sampleStarts.count - 1]
        // The samples to expand, by number: input order.
        var going = [UInt64](repeating: 0, count: (sampleTotal + 63) / 64)
        var candidates = 0
        for index in 0..<liveCount where walkers.rank[index] >= 0 {
            let sample = Int(walkers.sample[index])
            going[sample >> 6] |= 1 << UInt64(sample & 63)
            candidates += 1
        }
        let span = min(max(4, (1 << 16) / max(candidates, 1)), source.deepest - first)
        let end = first + max(1, span)

        /// Calls `body(sample, depth, frame)` for each frame at depths `first ... end`
        /// (one beyond the stretch, to tell whether a stack goes on) of each sample to
        /// expand, samples in input order and each one's frames outermost first.
        @inline(__always)
        func forEachFrame(_ body: (Int, Int, Int) -> Void) {
            for (slot, input) in source.inputs.enumerated() {
                let stackStarts = input.profile.stackStarts, stackLocations = input.profile.stackLocations
                let frameStarts = source.locationFrames[slot].starts, frames = source.locationFrames[slot].frames
                let low = source.sampleStarts[slot], high = source.sampleStarts[slot + 1]
                guard low < high else { continue }
                for word in (low >> 6)...((high - 1) >> 6) {
                    var bits = going[word]
                    if word == low >> 6 { bits &= UInt64.max << UInt64(low & 63) }
                    if word == (high - 1) >> 6, high - word << 6 < 64 { bits &= (1 << UInt64(high - word << 6)) - 1 }
                    while bits != 0 {
                        let sample = word << 6 | bits.trailingZeroBitCount
                        bits &= bits - 1
                        var depth = 0
                        let start = Int(stackStarts[sample - low])
                        var index = Int(stackStarts[sample - low + 1])
                        walk: while index > start {
                            index -= 1
                            let location = Int(stackLocations[index])
                            let from = frameStarts[location], to = frameStarts[location + 1]
                            // Whole locations above the stretch are skipped at once.
                            if depth + (to - from) <= first {
                                depth += to - from
                                continue
                            }
                            for k in from..<to {
                                if depth >= first {
                                    body(sample, depth, Int(frames[k]))
                                    if depth == end { break walk }
                                }
                                depth += 1
                            }
                        }
                    }
                }
            }
        }

        // Column sizes, and which samples have a frame at `first` (their rank there).
        var sizes = [Int](repeating: 0, count: end - first)
        var atFirst = RankedBits(count: sampleTotal)
        forEachFrame { sample, depth, _ in
            if depth == first { atFirst.set(sample) }
            if depth < end { sizes[depth - first] += 1 }
        }
        atFirst.finish()
        var columns = DepthColumns<Frame>()
        columns.first = first
        columns.starts.reserveCapacity(sizes.count + 1)
        for k in sizes.indices { columns.starts.append(columns.starts[k] + sizes[k]) }
        let frameCount = columns.starts[sizes.count]
        var cursor = columns.starts
        var frame = [Frame](repeating: 0, count: frameCount)
        var goesOn = RankedBits(count: frameCount)
        var previous = 0   // where the sample's frame one depth up went
        forEachFrame { _, depth, f in
            if depth > first { goesOn.set(previous) }
            if depth < end {
                previous = cursor[depth - first]
                cursor[depth - first] += 1
                frame[previous] = Frame(truncatingIfNeeded: f)
            }
        }
        goesOn.finish()
        columns.frame = frame
        columns.goesOn = goesOn
        for index in 0..<liveCount where walkers.rank[index] >= 0 {
            let sample = Int(walkers.sample[index])
            walkers.rank[index] = atFirst[sample] ? Int32(atFirst.rank(before: sample)) : -1
        }
        return columns
    }

    /// The total of `node` in `slot`.
    func total(_ node: Int, _ slot: Int) -> Int64 { total[node * slots + slot] }
    /// The self value of `node` in `slot`.
    func selfValue(_ node: Int, _ slot: Int) -> Int64 { selfValue[node * slots + slot] }

    /// Every node's children, as ranges `starts[node] ..< starts[node + 1]` of `list`,
    /// each range sorted by `areInIncreasingOrder`. Node indices take 4 bytes, as the
    /// builder's own columns do (a large diff has millions of nodes).
    func children(sortedBy areInIncreasingOrder: (Int, Int) -> Bool) -> (starts: [Int32], list: [Int32]) {
        var starts = [Int32](repeating: 0, count: nodeCount + 1)
        for node in 1..<nodeCount { starts[Int(parent[node]) + 1] += 1 }
        for node in 0..<nodeCount { starts[node + 1] += starts[node] }
        var list = [Int32](repeating: 0, count: max(0, nodeCount - 1))
        do {
            // Freed before the sorts below, which are the peak of a large diff's build.
            var next = starts
            for node in 1..<nodeCount {
                let p = Int(parent[node])
                list[Int(next[p])] = Int32(node)
                next[p] += 1
            }
        }
        for node in 0..<nodeCount where starts[node + 1] - starts[node] > 1 {
            list[Int(starts[node])..<Int(starts[node + 1])].sort { areInIncreasingOrder(Int($0), Int($1)) }
        }
        return (starts, list)
    }

    // MARK: - Samples and frames

    /// Sample values, scaled and, for absurd input only, clamped so that no sum overflows.
    private mutating func sampleValues(of profile: Profile, typeIndex: Int, scale: Double) -> [Int64] {
        let count = profile.sampleCount, stride = profile.sampleTypes.count
        var values = [Int64](repeating: 0, count: count)
        let limit = Double(Self.valueLimit)
        var magnitude: Int64 = 0, tooLarge = false
        for sample in 0..<count {
            var value = profile.values[sample * stride + typeIndex]
            if scale != 1 {
                let scaled = (Double(value) * scale).rounded()
                value = scaled.isNaN ? 0 : Int64(max(-limit, min(limit, scaled)))
            }
            values[sample] = value
            if !tooLarge {
                let (next, overflow) = magnitude.addingReportingOverflow(value == .min ? .max : abs(value))
                if overflow || next > Self.valueLimit { tooLarge = true } else { magnitude = next }
            }
        }
        if tooLarge {
            clamped = true
            let bound = Self.valueLimit / Int64(max(1, count))
            for sample in 0..<count { values[sample] = max(-bound, min(bound, values[sample])) }
        }
        return values
    }

    /// The frames of every location of `profile`, outermost first (a location's lines
    /// are innermost first); frames not in the frame columns yet (function indices of
    /// this builder, line numbers) are appended to them.
    private mutating func appendLocationFrames(of profile: Profile, functions: inout [Int32], lines: inout [Int64],
                                               index frameIndex: inout [FrameKey: Int32]) -> LocationFrames {
        var functionMap = [Int32](repeating: -1, count: profile.functions.count)
        var result = LocationFrames()
        result.starts.reserveCapacity(profile.locations.count + 1)
        func add(_ function: Int32, _ line: Int64) {
            let key = FrameKey(function: function, line: line)
            if let frame = frameIndex[key] { return result.frames.append(frame) }
            let frame = Int32(functions.count)
            functions.append(function)
            lines.append(line)
            frameIndex[key] = frame
            result.frames.append(frame)
        }
        for location in profile.locations {
            if location.lines.isEmpty {
                add(intern(name: Self.name(ofUnsymbolized: location, in: profile), filename: ""), 0)
            }
            for line in location.lines.reversed() {
                let index = Int(line.function)
                if index >= 0, index < functionMap.count {
                    if functionMap[index] < 0 {
                        let f = profile.functions[index]
                        let name = !f.name.isEmpty ? f.name : !f.systemName.isEmpty ? f.systemName : "<unknown>"
                        functionMap[index] = intern(name: name, filename: f.filename)
                    }
                    add(functionMap[index], line.line)
                } else {
                    add(intern(name: "<unknown>", filename: ""), line.line)
                }
            }
            result.starts.append(result.frames.count)
        }
        return result
    }

    private mutating func intern(name: String, filename: String) -> Int32 {
        if let index = functionIndex[name] { return index }
        let index = Int32(functions.count)
        functions.append(CallTreeFunction(name: name, filename: filename))
        functionIndex[name] = index
        return index
    }

    /// A location without lines is named `[binary]` after its mapping's file, else by
    /// its address (`0x4a3b2c`), else `<unknown>`.
    private static func name(ofUnsymbolized location: ProfileLocation, in profile: Profile) -> String {
        let mapping = Int(location.mapping)
        if mapping >= 0, mapping < profile.mappings.count, !profile.mappings[mapping].filename.isEmpty {
            let file = profile.mappings[mapping].filename
            return "[" + String(file.split(separator: "/").last ?? Substring(file)) + "]"
        }
        return location.address != 0 ? "0x" + String(location.address, radix: 16) : "<unknown>"
    }
}
