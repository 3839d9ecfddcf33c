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

    /// A sample on its way down: its rank in the current depth's column (−1 once its
    /// stack has ended), its input and its value. Walkers are carried along in runs
    /// rather than looked up by sample, so each depth reads memory in order.
    private struct Walker {
        var rank: Int32
        var slot: Int32
        var value: Int64
    }

    /// The samples' frames by depth: for depth `d`, `frame[starts[d] + r]` is the frame
    /// at that depth of the `r`-th sample (in input order) whose stack is that deep,
    /// and `goesOn[starts[d] + r]` whether that sample's stack is deeper than `d + 1`
    /// frames. A depth's column is small enough to stay in cache, while a
    /// sample-by-sample layout would cost a cache miss per frame.
    ///
    /// A sample's rank at depth `d + 1` is the number of samples before it in depth
    /// `d`'s column whose stacks go on (the columns keep input order), so one bit per
    /// frame gives it (`next`), where a 4-byte rank per frame cost as much as `frame`.
    private struct DepthColumns {
        var starts: [Int] = [0]
        var frame: [Int32] = []
        var goesOn = RankedBits(count: 0)

        /// The rank at depth `d + 1` of the sample at `position` of depth `d`'s column,
        /// which starts at `column`; −1 when its stack ends at depth `d`.
        @inline(__always)
        func next(_ position: Int, column: Int) -> Int32 {
            goesOn[position] ? Int32(goesOn.rank(before: position) - goesOn.rank(before: column)) : -1
        }
    }

    /// - Parameter pruneBelow: nodes whose |total| (in every input) is below this are
    ///   kept, with their totals, but not expanded: their self values stay 0 and they
    ///   get no children. A flame graph cannot draw such frames anyway, and skipping
    ///   their subtrees is most of the work on a bushy profile. 0 keeps everything.
    /// - Parameter keepShared: also expand small nodes that every input reaches, so a
    ///   diff can still tell, below them, the stacks only one side has.
    init(inputs: [Input], pruneBelow: Int64 = 0, keepShared: Bool = false) {
        slots = inputs.count
        total = [Int64](repeating: 0, count: slots)
        selfValue = [Int64](repeating: 0, count: slots)
        sampleCounts = [Int](repeating: 0, count: slots)

        var frameFunctions: [Int32] = [], frameLines: [Int64] = []
        var walkers: [Walker] = []
        let columns = expandSamples(of: inputs, frameFunctions: &frameFunctions, frameLines: &frameLines,
                                    walkers: &walkers)

        // Move the columns out so appends and increments do not copy them.
        var parent: [Int32] = [], function: [Int32] = [], line: [Int64] = [], depth: [Int32] = []
        var total: [Int64] = [], selfValue: [Int64] = []
        swap(&parent, &self.parent); swap(&function, &self.function); swap(&line, &self.line)
        swap(&depth, &self.depth); swap(&total, &self.total); swap(&selfValue, &self.selfValue)
        let slots = self.slots
        // Nodes never outnumber frames (plus the root): reserving that much saves the
        // copies of growing, and capacity never written costs no physical memory.
        let maximumNodes = columns.frame.count + 1
        parent.reserveCapacity(maximumNodes); function.reserveCapacity(maximumNodes)
        line.reserveCapacity(maximumNodes); depth.reserveCapacity(maximumNodes)
        total.reserveCapacity(maximumNodes * slots); selfValue.reserveCapacity(maximumNodes * slots)

        // `walkers[0 ..< liveCount]` holds the samples still going down, grouped in
        // runs by the node they reached: run r is `walkers[runStarts[r] ..<
        // runStarts[r + 1]]`, at node `runLevelStart + r`. Within a run, samples keep
        // their input order. Buffers are allocated once and reused at every depth.
        var liveCount = walkers.count
        var runStarts = [Int](repeating: 0, count: liveCount + 1)
        if liveCount > 0 { runStarts[1] = liveCount }
        var runCount = liveCount > 0 ? 1 : 0
        var runLevelStart = 0
        var cursor = [Int](repeating: 0, count: liveCount + 1)
        var next = walkers
        // Per function: the run that last made a child for it, and that child.
        var stamp = [Int32](repeating: -1, count: functions.count)
        var childOf = [Int32](repeating: 0, count: functions.count)
        var frameAt = [Int32](repeating: 0, count: liveCount)
        var childAt = [Int32](repeating: 0, count: liveCount)
        var run: Int32 = 0
        var level = 0
        while liveCount > 0 {
            let column = level < columns.starts.count - 1 ? columns.starts[level] : 0
            // Each walker's frame at this depth, −1 where its stack ended.
            for index in 0..<liveCount {
                let rank = Int(walkers[index].rank)
                frameAt[index] = rank >= 0 ? columns.frame[column + rank] : -1
            }
            // One child per distinct function within a run, made in order of first use.
            let levelStart = parent.count
            for r in 0..<runCount {
                let node = runLevelStart + r
                for index in runStarts[r]..<runStarts[r + 1] {
                    let walker = walkers[index]
                    let frame = Int(frameAt[index])
                    if frame < 0 {
                        selfValue[node * slots + Int(walker.slot)] &+= walker.value
                        childAt[index] = -1
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
                    total[Int(child) * slots + Int(walker.slot)] &+= walker.value
                    childAt[index] = child
                }
                run += 1
            }
            // Regroup the walkers that go on by child (a stable counting sort).
            let levelCount = parent.count - levelStart
            if pruneBelow > 0 {
                for index in 0..<liveCount where childAt[index] >= 0 {
                    let base = Int(childAt[index]) * slots
                    var significant = false
                    for slot in 0..<slots where abs(total[base + slot]) >= pruneBelow { significant = true }
                    if keepShared && !significant { significant = (0..<slots).allSatisfy { total[base + $0] != 0 } }
                    if !significant {
                        // Its stack goes on below: say so, since its children are not built.
                        if walkers[index].rank >= 0, columns.goesOn[column + Int(walkers[index].rank)] {
                            truncated[Int(childAt[index])] = true
                        }
                        childAt[index] = -1
                    }
                }
            }
            for k in 0...levelCount { runStarts[k] = 0 }
            for index in 0..<liveCount where childAt[index] >= 0 {
                runStarts[Int(childAt[index]) - levelStart + 1] += 1
            }
            for k in 0..<levelCount { runStarts[k + 1] += runStarts[k] }
            for k in 0..<levelCount { cursor[k] = runStarts[k] }
            for index in 0..<liveCount where childAt[index] >= 0 {
                let k = Int(childAt[index]) - levelStart
                var walker = walkers[index]
                walker.rank = columns.next(column + Int(walker.rank), column: column)
                next[cursor[k]] = walker
                cursor[k] += 1
            }
            swap(&walkers, &next)
            liveCount = runStarts[levelCount]
            runCount = levelCount
            runLevelStart = levelStart
            level += 1
        }

        swap(&parent, &self.parent); swap(&function, &self.function); swap(&line, &self.line)
        swap(&depth, &self.depth); swap(&total, &self.total); swap(&selfValue, &self.selfValue)
    }

    /// Reads every contributing sample (non-zero value) of every input: one walker per
    /// sample, root totals and sample counts, the frame columns (each location's frames,
    /// outermost first), and the samples' frames by depth.
    ///
    /// Two passes over the stacks: the first counts each sample's frames, which gives
    /// every depth's column size; the second writes each frame straight into its column
    /// (one write cursor per depth, so every column fills in order).
    private mutating func expandSamples(of inputs: [Input], frameFunctions: inout [Int32], frameLines: inout [Int64],
                                        walkers: inout [Walker]) -> DepthColumns {
        var inputValues: [[Int64]] = [], inputFrameStarts: [[Int]] = []
        var lengths: [Int] = []
        var deeper: [Int] = []   // deeper[d]: samples with more than d frames, minus those with more than d + 1
        for (slot, input) in inputs.enumerated() {
            let profile = input.profile
            let values = sampleValues(of: profile, typeIndex: input.typeIndex, scale: input.scale)
            let frameStarts = appendLocationFrames(of: profile, functions: &frameFunctions, lines: &frameLines)
            let stackStarts = profile.stackStarts, stackLocations = profile.stackLocations
            walkers.reserveCapacity(walkers.count + profile.sampleCount)
            for sample in 0..<profile.sampleCount where values[sample] != 0 {
                var length = 0
                for index in Int(stackStarts[sample])..<Int(stackStarts[sample + 1]) {
                    let location = Int(stackLocations[index])
                    length += frameStarts[location + 1] - frameStarts[location]
                }
                lengths.append(length)
                if length > 0 {
                    if deeper.count < length { deeper.append(contentsOf: repeatElement(0, count: length - deeper.count)) }
                    deeper[length - 1] += 1
                }
                walkers.append(Walker(rank: -1, slot: Int32(slot), value: values[sample]))
                total[slot] &+= values[sample]
                sampleCounts[slot] += 1
            }
            inputValues.append(values)
            inputFrameStarts.append(frameStarts)
        }

        // Column sizes: samples with more than d frames.
        var columns = DepthColumns()
        var size = 0
        var sizes = [Int](repeating: 0, count: deeper.count)
        for d in stride(from: deeper.count - 1, through: 0, by: -1) {
            size += deeper[d]
            sizes[d] = size
        }
        columns.starts.reserveCapacity(sizes.count + 1)
        for d in sizes.indices { columns.starts.append(columns.starts[d] + sizes[d]) }
        let frameCount = columns.starts[columns.starts.count - 1]

        var cursor = columns.starts
        var frame = [Int32](repeating: 0, count: frameCount)
        var goesOn = RankedBits(count: frameCount)
        var walker = 0
        for (slot, input) in inputs.enumerated() {
            let profile = input.profile, values = inputValues[slot], frameStarts = inputFrameStarts[slot]
            let stackStarts = profile.stackStarts, stackLocations = profile.stackLocations
            for sample in 0..<profile.sampleCount where values[sample] != 0 {
                let length = lengths[walker]
                if length > 0 { walkers[walker].rank = Int32(cursor[0]) }
                var d = 0
                var index = Int(stackStarts[sample + 1])
                let start = Int(stackStarts[sample])
                while index > start {
                    index -= 1
                    let location = Int(stackLocations[index])
                    for f in frameStarts[location]..<frameStarts[location + 1] {
                        let position = cursor[d]
                        cursor[d] += 1
                        frame[position] = Int32(f)
                        if d + 1 < length { goesOn.set(position) }
                        d += 1
                    }
                }
                walker += 1
            }
        }
        goesOn.finish()
        columns.frame = frame
        columns.goesOn = goesOn
        return columns
    }

    /// The total of `node` in `slot`.
    func total(_ node: Int, _ slot: Int) -> Int64 { total[node * slots + slot] }
    /// The self value of `node` in `slot`.
    func selfValue(_ node: Int, _ slot: Int) -> Int64 { selfValue[node * slots + slot] }

    /// Every node's children, as ranges `starts[node] ..< starts[node + 1]` of `list`,
    /// each range sorted by `areInIncreasingOrder`.
    func children(sortedBy areInIncreasingOrder: (Int, Int) -> Bool) -> (starts: [Int32], list: [Int]) {
        var starts = [Int32](repeating: 0, count: nodeCount + 1)
        for node in 1..<nodeCount { starts[Int(parent[node]) + 1] += 1 }
        for node in 0..<nodeCount { starts[node + 1] += starts[node] }
        var next = starts
        var list = [Int](repeating: 0, count: max(0, nodeCount - 1))
        for node in 1..<nodeCount {
            let p = Int(parent[node])
            list[Int(next[p])] = node
            next[p] += 1
        }
        for node in 0..<nodeCount where starts[node + 1] - starts[node] > 1 {
            list[Int(starts[node])..<Int(starts[node + 1])].sort(by: areInIncreasingOrder)
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

    /// Appends the frames of every location of `profile` to the frame columns,
    /// outermost first (a location's lines are innermost first), as function indices of
    /// this builder and line numbers. Returns where each location's frames are: location
    /// `l` has frames `starts[l] ..< starts[l + 1]`.
    private mutating func appendLocationFrames(of profile: Profile, functions: inout [Int32], lines: inout [Int64]) -> [Int] {
        var functionMap = [Int32](repeating: -1, count: profile.functions.count)
        var starts: [Int] = [functions.count]
        starts.reserveCapacity(profile.locations.count + 1)
        for location in profile.locations {
            if location.lines.isEmpty {
                functions.append(intern(name: Self.name(ofUnsymbolized: location, in: profile), filename: ""))
                lines.append(0)
            }
            for line in location.lines.reversed() {
                let index = Int(line.function)
                if index >= 0, index < functionMap.count {
                    if functionMap[index] < 0 {
                        let f = profile.functions[index]
                        let name = !f.name.isEmpty ? f.name : !f.systemName.isEmpty ? f.systemName : "<unknown>"
                        functionMap[index] = intern(name: name, filename: f.filename)
                    }
                    functions.append(functionMap[index])
                } else {
                    functions.append(intern(name: "<unknown>", filename: ""))
                }
                lines.append(line.line)
            }
            starts.append(functions.count)
        }
        return starts
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
