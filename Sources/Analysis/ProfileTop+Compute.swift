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
    public static func compute(inputs: [Input], granularity: Granularity, nodeCount: Int, nodeFraction: Double) -> ProfileTop {
        var nodes = NodeTable(granularity: granularity)
        var flat: [Int64] = []
        var cum: [Int64] = []
        var seen: [Int32] = []
        var total: Int64 = 0, baseTotal: Int64 = 0
        var stamp: Int32 = 0

        var locationNodesPerInput: [[[Int32]]] = []
        for input in inputs {
            let profile = input.profile
            let locationNodes = nodes.nodes(forLocationsOf: profile)
            locationNodesPerInput.append(locationNodes)
            if flat.count < nodes.count {
                flat += [Int64](repeating: 0, count: nodes.count - flat.count)
                cum += [Int64](repeating: 0, count: nodes.count - cum.count)
                seen += [Int32](repeating: -1, count: nodes.count - seen.count)
            }
            let stride = profile.sampleTypes.count
            guard input.sampleIndex < stride else { continue }
            profile.stackStarts.withUnsafeBufferPointer { starts in
            profile.stackLocations.withUnsafeBufferPointer { stacks in
            profile.values.withUnsafeBufferPointer { values in
                for sample in 0..<(starts.count - 1) {
                    let raw = values[sample * stride + input.sampleIndex]
                    if raw == 0 { continue }
                    let w = raw &* input.sign
                    total &+= abs(w)
                    if input.sign < 0 { baseTotal &+= abs(w) }
                    stamp &+= 1
                    if stamp < 0 { stamp = 0; for i in seen.indices { seen[i] = -1 } }
                    var leaf: Int32 = -1
                    // Root first, as pprof walks it, so flat lands on the innermost frame.
                    var position = Int(starts[sample + 1]) - 1
                    while position >= Int(starts[sample]) {
                        let frames = locationNodes[Int(stacks[position])]
                        var frame = frames.count - 1
                        while frame >= 0 {
                            let node = Int(frames[frame])
                            if seen[node] != stamp {
                                seen[node] = stamp
                                cum[node] &+= w
                            }
                            leaf = Int32(node)
                            frame -= 1
                        }
                        position -= 1
                    }
                    if leaf >= 0 { flat[Int(leaf)] &+= w }
                }
            }
            }
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
        let labels = inlineLabels(inputs: inputs, locationNodes: locationNodesPerInput, shown: shown,
                                  edgeCutoff: abs(Int64(Double(flatSum) * 0.001)))
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

    /// pprof's inline labels. It rebuilds the graph from the shown nodes only, so an
    /// edge may skip hidden frames; an edge into a frame that is not the outermost line
    /// of its location is an inline call, and an edge is inline only if every one of
    /// its occurrences is. Edges lighter than `edgeCutoff` are trimmed first.
    private static func inlineLabels(inputs: [Input], locationNodes: [[[Int32]]], shown: [Bool], edgeCutoff: Int64) -> [String] {
        struct Edge { var weight: Int64 = 0; var inline = true }
        var edges: [Int64: Edge] = [:]
        var seenPairs: [Int64] = []
        for (inputIndex, input) in inputs.enumerated() {
            let profile = input.profile
            let stride = profile.sampleTypes.count
            guard input.sampleIndex < stride else { continue }
            let frames = locationNodes[inputIndex]
            for sample in 0..<profile.sampleCount {
                let raw = profile.values[sample * stride + input.sampleIndex]
                if raw == 0 { continue }
                let w = raw &* input.sign
                seenPairs.removeAll(keepingCapacity: true)
                var parent: Int32 = -1
                let stack = profile.stack(ofSample: sample)
                for position in stack.indices.reversed() {
                    let lines = frames[Int(stack[position])]
                    for line in lines.indices.reversed() {
                        let node = lines[line]
                        guard shown[Int(node)] else { continue }
                        if parent >= 0 && parent != node {
                            let key = Int64(parent) << 32 | Int64(node)
                            if !seenPairs.contains(key) {
                                seenPairs.append(key)
                                var edge = edges[key] ?? Edge()
                                edge.weight &+= w
                                if line == lines.count - 1 { edge.inline = false }
                                edges[key] = edge
                            }
                        }
                        parent = node
                    }
                }
            }
        }
        var hasInline = [Bool](repeating: false, count: shown.count)
        var hasCall = [Bool](repeating: false, count: shown.count)
        for (key, edge) in edges where abs(edge.weight) >= edgeCutoff {
            let destination = Int(key & 0xFFFF_FFFF)
            if edge.inline { hasInline[destination] = true } else { hasCall[destination] = true }
        }
        return shown.indices.map { hasInline[$0] ? (hasCall[$0] ? "(partial-inline)" : "(inline)") : "" }
    }
}
