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
        var values: [[String]: (base: Int64, current: Int64)] = [:]
        for (profile, index, isBase) in [(base, baseSampleIndex, true), (current, sampleIndex, false)] {
            let stride = profile.sampleTypes.count
            guard index < stride else { continue }
            for sample in 0..<profile.sampleCount {
                let value = profile.values[sample * stride + index]
                if value == 0 { continue }
                var functions: [String] = []
                for location in profile.stack(ofSample: sample) {
                    for line in profile.locations[Int(location)].lines {
                        functions.append(profile.functions[Int(line.function)].name)
                    }
                }
                var entry = values[functions] ?? (0, 0)
                if isBase { entry.base &+= value } else { entry.current &+= value }
                values[functions] = entry
            }
        }
        rows = values.compactMap { key, value in
            value.base == value.current ? nil : Row(functions: key, base: value.base, current: value.current)
        }.sorted { a, b in
            if a.delta.magnitude != b.delta.magnitude { return a.delta.magnitude > b.delta.magnitude }
            if a.delta != b.delta { return a.delta > b.delta }
            return a.functions.joined(separator: ";").utf8.lexicographicallyPrecedes(b.functions.joined(separator: ";").utf8)
        }
    }

    /// The largest growths, biggest first.
    public func growth(limit: Int) -> [Row] { Array(rows.filter { $0.delta > 0 }.prefix(limit)) }

    /// The largest shrinks, biggest first.
    public func shrink(limit: Int) -> [Row] { Array(rows.filter { $0.delta < 0 }.prefix(limit)) }
}
