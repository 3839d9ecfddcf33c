import MemoryModel

/// Whole stacks that grew or shrank between two profiles: samples with the same
/// function-name stack are added up in each profile and compared (current − base).
public struct StackDiff: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// Function names, leaf first.
        public var functions: [String]
        public var base: Int64
        public var current: Int64
        public var delta: Int64 { current - base }
    }

    /// Stacks whose value changed, by |delta| descending (ties by stack text).
    public var rows: [Row]

    public init(current: Profile, base: Profile, sampleIndex: Int, baseSampleIndex: Int) {
        // Stacks are keyed by ids of function names shared by both profiles: hashing
        // small integers, not strings, for each of hundreds of thousands of samples.
        var ids: [String: Int32] = [:]
        var names: [String] = []
        var values: [[Int32]: (base: Int64, current: Int64)] = [:]
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
            profile.stackLocations.withUnsafeBufferPointer { stacks in
            profile.values.withUnsafeBufferPointer { sampleValues in
                for sample in 0..<profile.sampleCount {
                    let value = sampleValues[sample * stride + index]
                    if value == 0 { continue }
                    functions.removeAll(keepingCapacity: true)
                    for position in Int(starts[sample])..<Int(starts[sample + 1]) {
                        let location = Int(stacks[position])
                        for line in Int(lineStarts[location])..<Int(lineStarts[location + 1]) { functions.append(lineFunctions[line]) }
                    }
                    if isBase { values[functions, default: (0, 0)].base &+= value } else { values[functions, default: (0, 0)].current &+= value }
                }
            }
            }
            }
            }
            }
        }
        // Ties on the delta are common in large profiles; the tie-break key is built once
        // per row, not once per comparison.
        rows = values.compactMap { key, value -> (row: Row, key: [UInt8])? in
            guard value.base != value.current else { return nil }
            let functions = key.map { names[Int($0)] }
            return (Row(functions: functions, base: value.base, current: value.current), Array(functions.joined(separator: ";").utf8))
        }.sorted { a, b in
            if a.row.delta.magnitude != b.row.delta.magnitude { return a.row.delta.magnitude > b.row.delta.magnitude }
            if a.row.delta != b.row.delta { return a.row.delta > b.row.delta }
            return a.key.lexicographicallyPrecedes(b.key)
        }.map(\.row)
    }

    /// The largest growths, biggest first.
    public func growth(limit: Int) -> [Row] { Array(rows.filter { $0.delta > 0 }.prefix(limit)) }

    /// The largest shrinks, biggest first.
    public func shrink(limit: Int) -> [Row] { Array(rows.filter { $0.delta < 0 }.prefix(limit)) }
}
