import MemoryModel

/// Whole stacks that grew or shrank between two profiles: samples with the same
/// function-name stack are added up in each profile and compared (current − base).
///
/// Stacks are kept as integer ids and only the rows asked for become strings: a diff of
/// two large profiles has hundreds of thousands of distinct stacks, and a page shows a
/// dozen. Selecting them costs a sort of integers; names are joined only for the rows
/// that tie at the cut.
public struct StackDiff: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// Function names, leaf first.
        public var functions: [String]
        public var base: Int64
        public var current: Int64
        public var delta: Int64 { current - base }
    }

    /// Function names by id.
    private let names: [String]
    /// Each distinct stack's function ids, leaf first: stack `s` is
    /// `stackIDs[stackStarts[s] ..< stackStarts[s + 1]]`.
    private let stackStarts: [Int]
    private let stackIDs: [Int32]
    private let base: [Int64]
    private let current: [Int64]

    public init(current: Profile, base: Profile, sampleIndex: Int, baseSampleIndex: Int) {
        // Function names get ids shared by both profiles, which number their functions
        // differently; a stack is then a run of small integers.
        var ids: [String: Int32] = [:]
        var names: [String] = []
        var stacks = StackInterner()
        var values: [(base: Int64, current: Int64)] = []
        for (profile, index, isBase) in [(base, baseSampleIndex, true), (current, sampleIndex, false)] {
            let stride = profile.sampleTypes.count
            guard index < stride else { continue }
            let functionIDs = profile.functions.map { function -> Int32 in
                if let id = ids[function.name] { return id }
                let id = Int32(names.count)
                ids[function.name] = id
                names.append(function.name)
                return id
            }
            // Each location's lines as function ids, flattened once, so the walk over the
            // samples touches plain integer arrays only.
            var lineStarts: [Int32] = [0]
            var lineFunctions: [Int32] = []
            lineStarts.reserveCapacity(profile.locations.count + 1)
            for location in profile.locations {
                for line in location.lines { lineFunctions.append(functionIDs[Int(line.function)]) }
                lineStarts.append(Int32(lineFunctions.count))
            }
            var functions: [Int32] = []
            lineStarts.withUnsafeBufferPointer { lineStarts in
            lineFunctions.withUnsafeBufferPointer { lineFunctions in
            profile.stackStarts.withUnsafeBufferPointer { starts in
            let locations = profile.stackLocations, sampleValues = profile.values
                for sample in 0..<profile.sampleCount {
                    let value = sampleValues[sample * stride + index]
                    if value == 0 { continue }
                    functions.removeAll(keepingCapacity: true)
                    for position in Int(starts[sample])..<Int(starts[sample + 1]) {
                        let location = Int(locations[position])
                        for line in Int(lineStarts[location])..<Int(lineStarts[location + 1]) { functions.append(lineFunctions[line]) }
                    }
                    let stack = functions.withUnsafeBufferPointer { stacks.intern($0) }
                    if stack == values.count { values.append((0, 0)) }
                    if isBase { values[stack].base &+= value } else { values[stack].current &+= value }
                }
            }
            }
            }
        }
        self.names = names
        self.stackStarts = stacks.starts
        self.stackIDs = stacks.ids
        self.base = values.map(\.base)
        self.current = values.map(\.current)
    }

    /// Every stack whose value changed, by |delta| descending, then growth before
    /// shrink, then by the stack's text (function names joined by ";", byte order).
    public var rows: [Row] { top(.max) { $0 != 0 } }

    /// The largest growths, biggest first (ties by stack text).
    public func growth(limit: Int) -> [Row] { top(limit) { $0 > 0 } }

    /// The largest shrinks, biggest first (ties by stack text).
    public func shrink(limit: Int) -> [Row] { top(limit) { $0 < 0 } }

    /// The first `limit` rows, in `rows`' order, of the stacks whose delta passes `include`.
    private func top(_ limit: Int, where include: (Int64) -> Bool) -> [Row] {
        guard limit > 0 else { return [] }
        func delta(_ stack: Int) -> Int64 { current[stack] &- base[stack] }
        var order = (0..<base.count).filter { include(delta($0)) }
        order.sort { a, b in
            let (x, y) = (delta(a), delta(b))
            return x.magnitude != y.magnitude ? x.magnitude > y.magnitude : x > y
        }
        // Past the cut, only rows tying with the last one kept can still move into it.
        var end = min(limit, order.count)
        while end < order.count, end > 0, delta(order[end]) == delta(order[end - 1]) { end += 1 }
        let rows = order[..<end].map { stack -> (row: Row, key: [UInt8]) in
            let functions = stackIDs[stackStarts[stack]..<stackStarts[stack + 1]].map { names[Int($0)] }
            return (Row(functions: functions, base: base[stack], current: current[stack]), Array(functions.joined(separator: ";").utf8))
        }.sorted { a, b in
            if a.row.delta.magnitude != b.row.delta.magnitude { return a.row.delta.magnitude > b.row.delta.magnitude }
            if a.row.delta != b.row.delta { return a.row.delta > b.row.delta }
            return a.key.lexicographicallyPrecedes(b.key)
        }
        return rows.prefix(limit).map(\.row)
    }
}
