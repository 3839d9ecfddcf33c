import Foundation
import MemoryModel

extension ProfileTop {
    /// One input of a top table: a profile, the sample type to read, and the sign its
    /// values carry (+1, or −1 for the base of a diff).
    public struct Input: Sendable {
        public var profile: Profile
        public var sampleIndex: Int
        public var sign: Int64

        public init(profile: Profile, sampleIndex: Int, sign: Int64 = 1) {
            self.profile = profile
            self.sampleIndex = sampleIndex
            self.sign = sign
        }
    }

    /// The top table of one profile.
    public static func compute(profile: Profile, sampleIndex: Int, granularity: Granularity = .functions,
                               nodeCount: Int = 0, nodeFraction: Double = 0.005) -> ProfileTop {
        compute(inputs: [Input(profile: profile, sampleIndex: sampleIndex)], granularity: granularity,
                nodeCount: nodeCount, nodeFraction: nodeFraction)
    }

    /// The top table of `current − base`, as `go tool pprof -diff_base=base current`.
    public static func diff(current: Profile, base: Profile, sampleIndex: Int, granularity: Granularity = .functions,
                            nodeCount: Int = 0, nodeFraction: Double = 0.005) -> ProfileTop {
        compute(inputs: [Input(profile: current, sampleIndex: sampleIndex), Input(profile: base, sampleIndex: sampleIndex, sign: -1)],
                granularity: granularity, nodeCount: nodeCount, nodeFraction: nodeFraction)
    }

    /// The top table over several inputs whose samples are merged (with their signs).
    /// `nodeCount` 0 keeps every row, as pprof's `-top` does by default.
    /// `inlineLabels: false` leaves `Row.inlineLabel` empty: the labels need every
    /// sample walked again for the edges among shown nodes, which for a diff that shows
    /// every node of two large profiles costs seconds that a caller using only names
    /// and values (findings, the JSON summary) need not pay.
    public static func compute(inputs: [Input], granularity: Granularity, nodeCount: Int, nodeFraction: Double,
                               inlineLabels wantLabels: Bool = true) -> ProfileTop {
        var nodes = NodeTable(granularity: granularity)
        let framesPerInput = inputs.map { nodes.frames(forLocationsOf: $0.profile) }

        // Sums are associative, so halves of the samples are added up on separate cores
        // and merged: the same numbers, about twice as fast on two cores.
        var flat = [Int64](repeating: 0, count: nodes.count)
        var cum = [Int64](repeating: 0, count: nodes.count)
        var total: Int64 = 0, baseTotal: Int64 = 0
        for (inputIndex, input) in inputs.enumerated() where input.sampleIndex < input.profile.sampleTypes.count {
            let chunks = Self.chunks(input.profile.sampleCount)
            var partials = [Partial?](repeating: nil, count: chunks.count)
            let lock = NSLock()
            DispatchQueue.concurrentPerform(iterations: chunks.count) { chunk in
                let partial = accumulate(input, frames: framesPerInput[inputIndex], samples: chunks[chunk], nodeCount: nodes.count)
                lock.lock()
                partials[chunk] = partial
                lock.unlock()
            }
            for case let partial? in partials {
                for node in 0..<nodes.count {
                    flat[node] &+= partial.flat[node]
                    cum[node] &+= partial.cum[node]
                }
                total &+= partial.total
                if input.sign < 0 { baseTotal &+= partial.total }
            }
        }

        // pprof drops nodes with nothing at all, then cuts by cum against the flat sum.
        let live = (0..<nodes.count).filter { flat[$0] != 0 || cum[$0] != 0 }
        let flatSum = live.reduce(Int64(0)) { $0 &+ flat[$1] }
        let cutoff = abs(Int64(Double(flatSum) * nodeFraction))
        var kept = cutoff > 0 ? live.filter { abs(cum[$0]) >= cutoff } : live
        let dropped = live.count - kept.count

        let names = kept.map { nodes.printableName($0) }
        var order = Array(kept.indices)
        order.sort { a, b in
            let (x, y) = (kept[a], kept[b])
            if abs(flat[x]) != abs(flat[y]) { return abs(flat[x]) > abs(flat[y]) }
            if names[a] != names[b] { return names[a].utf8.lexicographicallyPrecedes(names[b].utf8) }
            if abs(cum[x]) != abs(cum[y]) { return abs(cum[x]) > abs(cum[y]) }
            return a < b
        }
        let afterCut = kept.count
        if nodeCount > 0 && order.count > nodeCount { order = Array(order.prefix(nodeCount)) }
        var shown = [Bool](repeating: false, count: nodes.count)
        for index in order { shown[kept[index]] = true }
        let labels = wantLabels
            ? inlineLabels(inputs: inputs, frames: framesPerInput, shown: shown, edgeCutoff: abs(Int64(Double(flatSum) * 0.001)))
            : [String](repeating: "", count: nodes.count)
        let rows = order.map { index -> Row in
            let node = kept[index]
            let info = nodes.info[node]
            return Row(name: names[index], function: info.function, file: info.file, line: info.line,
                       flat: flat[node], cum: cum[node], inlineLabel: labels[node])
        }
        kept = []
        let first = inputs.first?.profile
        let sampleType = first.flatMap { p in inputs[0].sampleIndex < p.sampleTypes.count ? p.sampleTypes[inputs[0].sampleIndex] : nil }
            ?? ValueType(type: "", unit: "")
        return ProfileTop(sampleType: sampleType, total: baseTotal > 0 ? baseTotal : total, rows: rows,
                          nodesAfterCut: afterCut, droppedNodes: dropped, dropCutoff: cutoff)
    }

    /// What one core adds up over a range of samples.
    struct Partial {
        var flat: [Int64]
        var cum: [Int64]
        var total: Int64
    }

    /// Splits `count` samples into one range per core (one range when small).
    static func chunks(_ count: Int) -> [Range<Int>] {
        let parts = count < 20_000 ? 1 : max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        return (0..<parts).map { part in (count * part / parts)..<(count * (part + 1) / parts) }
    }

    /// Flat and cum per node over `samples` of one input, the way pprof's graph adds them.
    static func accumulate(_ input: Input, frames: NodeTable.LocationFrames, samples: Range<Int>, nodeCount: Int) -> Partial {
        var accumulation = Accumulation(input: input, frames: frames, samples: samples, nodeCount: nodeCount)
        return input.profile.withSampleBuffers(&accumulation)
    }

    /// `accumulate`'s walk, specialised for each width of the profile's packed samples.
    private struct Accumulation: SampleBufferReader {
        let input: Input
        let frames: NodeTable.LocationFrames
        let samples: Range<Int>
        let nodeCount: Int

        func read<Frame: FixedWidthInteger, Value: FixedWidthInteger>(stacks: UnsafeBufferPointer<Frame>,
                                                                      values: UnsafeBufferPointer<Value>) -> Partial {
            var flat = [Int64](repeating: 0, count: nodeCount)
            var cum = [Int64](repeating: 0, count: nodeCount)
            var seen = [Int32](repeating: -1, count: nodeCount)
            var total: Int64 = 0
            var stamp: Int32 = 0
            let profile = input.profile
            let stride = profile.sampleTypes.count
            let sampleIndex = input.sampleIndex, sign = input.sign
            // Raw buffers: this loop visits every frame of every sample (millions).
            flat.withUnsafeMutableBufferPointer { flat in
            cum.withUnsafeMutableBufferPointer { cum in
            seen.withUnsafeMutableBufferPointer { seen in
            frames.starts.withUnsafeBufferPointer { frameStarts in
            frames.nodes.withUnsafeBufferPointer { frameNodes in
            profile.stackStarts.withUnsafeBufferPointer { starts in
                for sample in samples {
                    let raw = Int64(values[sample * stride + sampleIndex])
                    if raw == 0 { continue }
                    let w = raw &* sign
                    total &+= abs(w)
                    stamp &+= 1
                    if stamp == Int32.max {
                        stamp = 0
                        for i in 0..<seen.count { seen[i] = -1 }
                    }
                    var leaf = -1
                    // Root first, as pprof walks it, so flat lands on the innermost frame.
                    var position = Int(starts[sample + 1]) - 1
                    let first = Int(starts[sample])
                    while position >= first {
                        let location = Int(stacks[position])
                        var frame = Int(frameStarts[location + 1]) - 1
                        let lowest = Int(frameStarts[location])
                        while frame >= lowest {
                            let node = Int(frameNodes[frame])
                            if seen[node] != stamp {
                                seen[node] = stamp
                                cum[node] &+= w
                            }
                            leaf = node
                            frame -= 1
                        }
                        position -= 1
                    }
                    if leaf >= 0 { flat[leaf] &+= w }
                }
            }}}}}}
            return Partial(flat: flat, cum: cum, total: total)
        }
    }

    /// pprof's inline labels. It rebuilds the graph from the shown nodes only, so an
    /// edge may skip hidden frames; an edge into a frame that is not the outermost line
    /// of its location is an inline call, and an edge is inline only if every one of
    /// its occurrences is. Edges lighter than `edgeCutoff` are trimmed first.
    ///
    /// The edges are split among the cores by callee, not by sample: each core walks
    /// every sample of every input but keeps only the edges into its own callees, so
    /// the tables are disjoint, each holds its share of the edges once, and nothing is
    /// merged. (Split by sample, every core's table held most edges, and merging them
    /// cost more time and memory than the walk: a diff of two 200,000-sample profiles
    /// has millions of distinct edges.)
    ///
    /// Only edges into a node that some location has as an inlined (not outermost)
    /// line can make a label: into any other node every edge is a call, which labels
    /// nothing. So only those edges are kept, the same labels from a fraction of the
    /// table (an eighth of the edges of the benchmark's diff, where the table was most of
    /// the peak memory).
    private static func inlineLabels(inputs: [Input], frames: [NodeTable.LocationFrames], shown: [Bool], edgeCutoff: Int64) -> [String] {
        var labelable = shown
        var inlinedSomewhere = [Bool](repeating: false, count: shown.count)
        for locationFrames in frames {
            for location in 0..<max(0, locationFrames.starts.count - 1) {
                let outermost = Int(locationFrames.starts[location + 1]) - 1
                for frame in Int(locationFrames.starts[location])..<max(Int(locationFrames.starts[location]), outermost) {
                    inlinedSomewhere[Int(locationFrames.nodes[frame])] = true
                }
            }
        }
        for node in labelable.indices where !inlinedSomewhere[node] { labelable[node] = false }
        guard labelable.contains(true) else { return [String](repeating: "", count: shown.count) }
        let frameCount = inputs.reduce(0) { $0 + $1.profile.stackLocations.count }
        let parts = frameCount < 400_000 ? 1 : max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        var hasInline = [Bool](repeating: false, count: shown.count)
        var hasCall = [Bool](repeating: false, count: shown.count)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            var table = EdgeTable()
            for (inputIndex, input) in inputs.enumerated() where input.sampleIndex < input.profile.sampleTypes.count {
                Self.addEdges(input, frames: frames[inputIndex], shown: shown, labelable: labelable, part: part, of: parts, to: &table)
            }
            // Callees of this part only: no other part writes these flags.
            lock.lock()
            for slot in table.keys.indices where table.keys[slot] != Int64.min && abs(table.weights[slot]) >= edgeCutoff {
                let destination = Int(table.keys[slot] & 0xFFFF_FFFF)
                if table.calls[slot] { hasCall[destination] = true } else { hasInline[destination] = true }
            }
            lock.unlock()
        }
        return shown.indices.map { hasInline[$0] ? (hasCall[$0] ? "(partial-inline)" : "(inline)") : "" }
    }

    /// Adds the edges among shown nodes whose callee is `labelable` and belongs to `part`
    /// (callee % parts), over every sample of one input, each edge counted once per sample.
    static func addEdges(_ input: Input, frames: NodeTable.LocationFrames, shown: [Bool], labelable: [Bool], part: Int, of parts: Int,
                         to table: inout EdgeTable) {
        var walk = EdgeWalk(input: input, frames: frames, shown: shown, labelable: labelable, part: part, parts: parts)
        swap(&walk.table, &table)
        input.profile.withSampleBuffers(&walk)
        swap(&walk.table, &table)
    }

    /// `addEdges`' walk, specialised for each width of the profile's packed samples. Its
    /// table is only ever moved (swapped), never copied: a copy of a large table is what
    /// the memory of a diff is most sensitive to.
    private struct EdgeWalk: SampleBufferReader {
        let input: Input
        let frames: NodeTable.LocationFrames
        let shown: [Bool]
        let labelable: [Bool]
        let part: Int
        let parts: Int
        var table = EdgeTable(capacity: 0)

        mutating func read<Frame: FixedWidthInteger, Value: FixedWidthInteger>(stacks: UnsafeBufferPointer<Frame>,
                                                                               values: UnsafeBufferPointer<Value>) {
            // Moved out and back, so the loop below adds to a local.
            var table = EdgeTable(capacity: 0)
            swap(&table, &self.table)
            defer { swap(&table, &self.table) }
            var seenPairs: [Int64] = []
            let profile = input.profile
            let stride = profile.sampleTypes.count
            let part = self.part, parts = self.parts
            shown.withUnsafeBufferPointer { shown in
            labelable.withUnsafeBufferPointer { labelable in
            frames.starts.withUnsafeBufferPointer { frameStarts in
            frames.nodes.withUnsafeBufferPointer { frameNodes in
            profile.stackStarts.withUnsafeBufferPointer { starts in
                for sample in 0..<profile.sampleCount {
                    let raw = Int64(values[sample * stride + input.sampleIndex])
                    if raw == 0 { continue }
                    let w = raw &* input.sign
                    seenPairs.removeAll(keepingCapacity: true)
                    var parent: Int32 = -1
                    var position = Int(starts[sample + 1]) - 1
                    while position >= Int(starts[sample]) {
                        let location = Int(stacks[position])
                        let outermost = Int(frameStarts[location + 1]) - 1
                        var frame = outermost
                        while frame >= Int(frameStarts[location]) {
                            let node = frameNodes[frame]
                            if shown[Int(node)] {
                                if parent >= 0 && parent != node && labelable[Int(node)] && Int(node) % parts == part {
                                    let key = Int64(parent) << 32 | Int64(node)
                                    if !seenPairs.contains(key) {
                                        seenPairs.append(key)
                                        table.add(key, weight: w, isCall: frame == outermost)
                                    }
                                }
                                parent = node
                            }
                            frame -= 1
                        }
                        position -= 1
                    }
                }
            }}}}}
        }
    }
}
