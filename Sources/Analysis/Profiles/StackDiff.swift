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
        /// Wrapping, as the diff that ranked the rows: hostile values cannot trap here.
        public var delta: Int64 { current &- base }
    }

    /// Function names by id.
    private let names: [String]
    /// Per side (0 base, 1 current): each location's lines as function ids, flattened
    /// (location `l` has `lineFunctions[lineStarts[l] ..< lineStarts[l + 1]]`), and the
    /// profile's stacks (shared with the caller's profile, not copied).
    private let sides: [Side]
    /// Each distinct stack, by the first sample that has it: `side << 31 | sample`.
    private let representatives: [UInt32]
    private let base: [Int64]
    private let current: [Int64]

    struct Side: Sendable, Equatable {
        var lineStarts: [Int32] = [0]
        var lineFunctions: [Int32] = []
        var stackStarts: [Int32] = [0]
        var stackLocations = PackedIntegers<Int32>()
        var values = PackedIntegers<Int64>()
        var stride = 0
        var typeIndex = 0

        func value(ofSample sample: Int) -> Int64 { values[sample * stride + typeIndex] }

        /// The function ids of `sample`'s stack, leaf first, into `functions`.
        func functions(ofSample sample: Int, into functions: inout [Int32]) {
            functions.removeAll(keepingCapacity: true)
            for position in Int(stackStarts[sample])..<Int(stackStarts[sample + 1]) {
                let location = Int(stackLocations[position])
                for line in Int(lineStarts[location])..<Int(lineStarts[location + 1]) { functions.append(lineFunctions[line]) }
            }
        }
    }

    /// Samples are grouped by a hash of their stack, sorted, and only samples of equal
    /// hash are compared in full: memory is 16 bytes per sample while grouping and 20 per
    /// distinct stack after, where interning every stack's ids took over 100 bytes per
    /// sample of two random 1,000,000-sample profiles (a hash collision costs a
    /// comparison, never a wrong sum).
    public init(current: Profile, base: Profile, sampleIndex: Int, baseSampleIndex: Int) {
        // Function names get ids shared by both profiles, which number their functions
        // differently; a stack is then a run of small integers.
        var ids: [String: Int32] = [:]
        var names: [String] = []
        var sides: [Side] = []
        var keys: [(hash: UInt64, reference: UInt32)] = []
        keys.reserveCapacity(base.sampleCount + current.sampleCount)
        var functions: [Int32] = []
        for (side, (profile, index)) in [(base, baseSampleIndex), (current, sampleIndex)].enumerated() {
            var entry = Side()
            let stride = profile.sampleTypes.count
            if index < stride {
                let functionIDs = profile.functions.map { function -> Int32 in
                    if let id = ids[function.name] { return id }
                    let id = Int32(names.count)
                    ids[function.name] = id
                    names.append(function.name)
                    return id
                }
                entry.lineStarts.reserveCapacity(profile.locations.count + 1)
                for location in profile.locations {
                    for line in location.lines { entry.lineFunctions.append(functionIDs[Int(line.function)]) }
                    entry.lineStarts.append(Int32(entry.lineFunctions.count))
                }
                entry.stackStarts = profile.stackStarts
                entry.stackLocations = profile.stackLocations
                entry.values = profile.values
                entry.stride = stride
                entry.typeIndex = index
                for sample in 0..<profile.sampleCount {
                    if entry.value(ofSample: sample) == 0 { continue }
                    entry.functions(ofSample: sample, into: &functions)
                    keys.append((Self.hash(functions), UInt32(side) << 31 | UInt32(sample)))
                }
            }
            sides.append(entry)
        }
        keys.sort { $0.hash != $1.hash ? $0.hash < $1.hash : $0.reference < $1.reference }

        // Within a run of equal hashes, each sample joins the first earlier stack equal
        // to it, or starts a new one (runs are almost always one stack).
        var representatives: [UInt32] = [], baseSums: [Int64] = [], currentSums: [Int64] = []
        var other: [Int32] = []
        var runStart = 0
        while runStart < keys.count {
            var runEnd = runStart + 1
            while runEnd < keys.count, keys[runEnd].hash == keys[runStart].hash { runEnd += 1 }
            let firstStack = representatives.count
            for key in keys[runStart..<runEnd] {
                let (side, sample) = Self.split(key.reference)
                var stack = -1
                if firstStack < representatives.count {
                    sides[side].functions(ofSample: sample, into: &functions)
                    for candidate in firstStack..<representatives.count {
                        let (otherSide, otherSample) = Self.split(representatives[candidate])
                        sides[otherSide].functions(ofSample: otherSample, into: &other)
                        if other == functions { stack = candidate; break }
                    }
                }
                if stack < 0 {
                    stack = representatives.count
                    representatives.append(key.reference)
                    baseSums.append(0)
                    currentSums.append(0)
                }
                let value = sides[side].value(ofSample: sample)
                if side == 0 { baseSums[stack] &+= value } else { currentSums[stack] &+= value }
            }
            runStart = runEnd
        }
        self.names = names
        self.sides = sides
        self.representatives = representatives
        self.base = baseSums
        self.current = currentSums
    }

    private static func hash(_ stack: [Int32]) -> UInt64 {
        var hash: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(stack.count)
        for id in stack {
            hash = (hash ^ UInt64(UInt32(bitPattern: id))) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 29
        }
        return hash
    }

    /// The side (0 base, 1 current) and sample of a `side << 31 | sample` reference.
    private static func split(_ reference: UInt32) -> (side: Int, sample: Int) {
        (Int(reference >> 31), Int(reference & 0x7FFF_FFFF))
    }

    /// The function ids of distinct stack `stack`, leaf first.
    private func functionIDs(ofStack stack: Int) -> [Int32] {
        let (side, sample) = Self.split(representatives[stack])
        var functions: [Int32] = []
        sides[side].functions(ofSample: sample, into: &functions)
        return functions
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
            let functions = functionIDs(ofStack: stack).map { names[Int($0)] }
            return (Row(functions: functions, base: base[stack], current: current[stack]), Array(functions.joined(separator: ";").utf8))
        }.sorted { a, b in
            if a.row.delta.magnitude != b.row.delta.magnitude { return a.row.delta.magnitude > b.row.delta.magnitude }
            if a.row.delta != b.row.delta { return a.row.delta > b.row.delta }
            return a.key.lexicographicallyPrecedes(b.key)
        }
        return rows.prefix(limit).map(\.row)
    }
}
