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
            var functions: [Int32] = []
            for sample in 0..<profile.sampleCount {
                let value = profile.values[sample * stride + index]
                if value == 0 { continue }
                functions.removeAll(keepingCapacity: true)
                for location in profile.stack(ofSample: sample) {
                    for line in profile.locations[Int(location)].lines {
                        functions.append(functionIDs[Int(line.function)])
                    }
                }
                var entry = values[functions] ?? (0, 0)
                if isBase { entry.base &+= value } else { entry.current &+= value }
                values[functions] = entry
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
