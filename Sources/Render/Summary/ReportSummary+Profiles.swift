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
        @NullWhenAbsent public var time: String? = nil
        public var sampleType: String
        public var unit: String
        public var total: Int64
        public var topFlat: [FunctionValue]
        public var topCum: [FunctionValue]

        enum CodingKeys: String, CodingKey {
            case kind, file, time, unit, total
            case sampleType = "sample_type", topFlat = "top_flat", topCum = "top_cum"
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
            @NullWhenAbsent public var waitState: String? = nil
            public var blocking: String
            @NullWhenAbsent public var owner: String? = nil
            @NullWhenAbsent public var position: String? = nil
            enum CodingKeys: String, CodingKey { case count, waitState = "wait_state", blocking, owner, position }
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

    static func profileEntry(_ totals: ProfileFunctionTotals) -> ProfileEntry {
        let top = totals.top, recorded = totals.recorded
        let byCum = top.rows.sorted { ($0.cum, $1.name) > ($1.cum, $0.name) }
        return ProfileEntry(
            kind: recorded.kind.rawValue, file: recorded.file,
            time: recorded.time.map { UTCTime(unixSeconds: $0).rfc3339 },
            sampleType: totals.sampleType.type, unit: totals.sampleType.unit, total: top.total,
            topFlat: top.rows.prefix(10).map { .init(function: $0.name, value: $0.flat) },
            topCum: byCum.prefix(10).map { .init(function: $0.name, value: $0.cum) })
    }

    static func heapDiffEntry(_ totals: ProfileFunctionTotals) -> HeapDiffEntry? {
        guard let diff = totals.diff else { return nil }
        let growth = diff.top.rows.filter { $0.flat > 0 }.sorted { ($0.flat, $1.name) > ($1.flat, $0.name) }
        return HeapDiffEntry(baseFile: diff.base.file, currentFile: totals.recorded.file, sampleType: totals.sampleType.type,
                             baseTotal: diff.top.total, currentTotal: diff.currentTotal,
                             topGrowth: growth.prefix(10).map { .init(function: $0.name, flatDelta: $0.flat, cumDelta: $0.cum) })
    }

    static func goroutineEntries(_ analysis: GoroutineAnalysis) -> (GoroutinesEntry?, GoroutineDiffEntry?) {
        let current = analysis.current, groups = analysis.groups
        let entry = GoroutinesEntry(file: current.file, total: groups.total, groups: groups.groups.prefix(10).map {
            .init(count: $0.count, waitState: $0.state.isEmpty ? nil : $0.state, blocking: $0.blockingOperation,
                  owner: $0.owner?.function, position: $0.owner.map { "\($0.file):\($0.line)" })
        })
        guard let base = analysis.base, let diff = analysis.diff else { return (entry, nil) }
        return (entry, GoroutineDiffEntry(baseFile: base.file, before: diff.totalBefore, after: diff.totalAfter,
                                          topChanges: diff.rows.prefix(10).map {
                                              .init(delta: $0.delta, before: $0.before, after: $0.after, summary: $0.sentence)
                                          }))
    }
}
