import Analysis
import MemoryModel

extension ReportSummary {
    /// A profile used by the report: its type, time, total and top functions.
    public struct ProfileEntry: Encodable, Sendable {
        public struct FunctionValue: Encodable, Sendable {
            public var function: String
            public var value: Int64
        }
        public var kind: String
        public var file: String
        public var time: String?
        public var sampleType: String
        public var unit: String
        public var total: Int64
        public var topFlat: [FunctionValue]
        public var topCum: [FunctionValue]

        enum CodingKeys: String, CodingKey {
            case kind, file, time, unit, total
            case sampleType = "sample_type", topFlat = "top_flat", topCum = "top_cum"
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            try c.encode(file, forKey: .file)
            try c.encode(time, forKey: .time)
            try c.encode(sampleType, forKey: .sampleType)
            try c.encode(unit, forKey: .unit)
            try c.encode(total, forKey: .total)
            try c.encode(topFlat, forKey: .topFlat)
            try c.encode(topCum, forKey: .topCum)
        }
    }

    /// current − base for the heap profiles: the functions that grew most.
    public struct HeapDiffEntry: Encodable, Sendable {
        public struct Growth: Encodable, Sendable {
            public var function: String
            public var flatDelta: Int64
            public var cumDelta: Int64
            enum CodingKeys: String, CodingKey { case function, flatDelta = "flat_delta", cumDelta = "cum_delta" }
        }
        public var baseFile: String
        public var currentFile: String
        public var sampleType: String
        public var baseTotal: Int64
        public var currentTotal: Int64
        public var topGrowth: [Growth]
        enum CodingKeys: String, CodingKey {
            case baseFile = "base_file", currentFile = "current_file", sampleType = "sample_type"
            case baseTotal = "base_total", currentTotal = "current_total", topGrowth = "top_growth"
        }
    }

    /// Goroutine groups of the latest goroutine profile.
    public struct GoroutinesEntry: Encodable, Sendable {
        public struct Group: Encodable, Sendable {
            public var count: Int64
            public var waitState: String?
            public var blocking: String
            public var owner: String?
            public var position: String?
            enum CodingKeys: String, CodingKey { case count, waitState = "wait_state", blocking, owner, position }
            public func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(count, forKey: .count)
                try c.encode(waitState, forKey: .waitState)
                try c.encode(blocking, forKey: .blocking)
                try c.encode(owner, forKey: .owner)
                try c.encode(position, forKey: .position)
            }
        }
        public var file: String
        public var total: Int64
        public var groups: [Group]
    }

    /// How goroutine groups changed between the base and the latest snapshot.
    public struct GoroutineDiffEntry: Encodable, Sendable {
        public struct Change: Encodable, Sendable {
            public var delta: Int64
            public var before: Int64
            public var after: Int64
            public var summary: String
        }
        public var baseFile: String
        public var before: Int64
        public var after: Int64
        public var topChanges: [Change]
        enum CodingKeys: String, CodingKey { case baseFile = "base_file", before, after, topChanges = "top_changes" }
    }

    static func profileEntries(_ set: ProfileSet) -> [ProfileEntry] {
        [set.heap, set.goroutine].compactMap { $0 }.compactMap { recorded in
            let profile = recorded.profile
            let index = profile.defaultSampleTypeIndex
            guard index < profile.sampleTypes.count else { return nil }
            let top = ProfileTop.compute(profile: profile, sampleIndex: index, nodeFraction: 0)
            let byCum = top.rows.sorted { ($0.cum, $1.name) > ($1.cum, $0.name) }
            return ProfileEntry(
                kind: recorded.kind.rawValue, file: recorded.file,
                time: recorded.time.map { UTCTime(unixSeconds: $0).rfc3339 },
                sampleType: profile.sampleTypes[index].type, unit: profile.sampleTypes[index].unit, total: top.total,
                topFlat: top.rows.prefix(10).map { .init(function: $0.name, value: $0.flat) },
                topCum: byCum.prefix(10).map { .init(function: $0.name, value: $0.cum) })
        }
    }

    static func heapDiffEntry(_ set: ProfileSet) -> HeapDiffEntry? {
        guard let current = set.heap, let base = set.heapBase else { return nil }
        let index = current.profile.defaultSampleTypeIndex
        guard index < current.profile.sampleTypes.count,
              let baseIndex = base.profile.sampleTypeIndex(current.profile.sampleTypes[index].type) else { return nil }
        let diff = ProfileTop.compute(inputs: [.init(profile: current.profile, sampleIndex: index),
                                               .init(profile: base.profile, sampleIndex: baseIndex, sign: -1)],
                                      granularity: .functions, nodeCount: 0, nodeFraction: 0, inlineLabels: false)
        let growth = diff.rows.filter { $0.flat > 0 }.sorted { ($0.flat, $1.name) > ($1.flat, $0.name) }
        var currentTotal: Int64 = 0
        for sample in 0..<current.profile.sampleCount { currentTotal &+= current.profile.value(ofSample: sample, type: index) }
        return HeapDiffEntry(baseFile: base.file, currentFile: current.file, sampleType: current.profile.sampleTypes[index].type,
                             baseTotal: diff.total, currentTotal: currentTotal,
                             topGrowth: growth.prefix(10).map { .init(function: $0.name, flatDelta: $0.flat, cumDelta: $0.cum) })
    }

    static func goroutineEntries(_ set: ProfileSet) -> (GoroutinesEntry?, GoroutineDiffEntry?) {
        guard let current = set.goroutine else { return (nil, nil) }
        let groups = GoroutineGroups(profile: current.profile)
        let entry = GoroutinesEntry(file: current.file, total: groups.total, groups: groups.groups.prefix(10).map {
            .init(count: $0.count, waitState: $0.state.isEmpty ? nil : $0.state, blocking: $0.blockingOperation,
                  owner: $0.owner?.function, position: $0.owner.map { "\($0.file):\($0.line)" })
        })
        guard let base = set.goroutineBase else { return (entry, nil) }
        let diff = GoroutineDiff(base: GoroutineGroups(profile: base.profile), current: groups)
        return (entry, GoroutineDiffEntry(baseFile: base.file, before: diff.totalBefore, after: diff.totalAfter,
                                          topChanges: diff.rows.prefix(10).map {
                                              .init(delta: $0.delta, before: $0.before, after: $0.after, summary: $0.sentence)
                                          }))
    }
}
