import MemoryModel

/// How goroutine groups changed between two snapshots, largest change first.
public struct GoroutineDiff: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var group: GoroutineGroup
        public var before: Int64
        public var after: Int64
        public var delta: Int64 { after - before }

        /// `+29,466 goroutines in main.BarHandler.func1, blocked on chan receive at main.go:70`.
        public var sentence: String {
            let sign = delta >= 0 ? "+" : "−"
            let owner = group.owner
            var text = "\(sign)\(DigitGrouping.string(Int64(clamping: delta.magnitude))) goroutine\(delta.magnitude == 1 ? "" : "s")"
            if let owner { text += " in \(owner.function)" }
            text += ", " + (group.blockingOperation.hasPrefix("running") ? group.blockingOperation : "blocked on \(group.blockingOperation)")
            if let owner, owner.line > 0 { text += " at \(owner.shortPosition)" }
            return text
        }
    }

    public var totalBefore: Int64
    public var totalAfter: Int64
    /// Groups whose count changed, by |delta| descending.
    public var rows: [Row]

    /// Matches groups by stack and wait state. Profiles without dump states match on
    /// stack alone; a dump against a profile matches on the stack too.
    public init(base: GoroutineGroups, current: GoroutineGroups) {
        func stackKey(_ group: GoroutineGroup, useState: Bool) -> GoroutineGroup.Key {
            GoroutineGroup.Key(state: useState ? group.state : "", frames: group.frames)
        }
        let useState = !base.groups.contains { $0.state.isEmpty } && !current.groups.contains { $0.state.isEmpty }
        var before: [GoroutineGroup.Key: Int64] = [:], after: [GoroutineGroup.Key: Int64] = [:]
        var baseGroup: [GoroutineGroup.Key: GoroutineGroup] = [:], currentGroup: [GoroutineGroup.Key: GoroutineGroup] = [:]
        for group in base.groups {
            let key = stackKey(group, useState: useState)
            before[key, default: 0] += group.count
            if baseGroup[key] == nil { baseGroup[key] = group }
        }
        for group in current.groups {
            let key = stackKey(group, useState: useState)
            after[key, default: 0] += group.count
            if currentGroup[key] == nil { currentGroup[key] = group }
        }
        let keys = Set(before.keys).union(after.keys)
        rows = keys.compactMap { key -> Row? in
            // Describe the group as it is now, or as it was if it is gone.
            let row = Row(group: (currentGroup[key] ?? baseGroup[key])!, before: before[key] ?? 0, after: after[key] ?? 0)
            return row.delta == 0 ? nil : row
        }.sorted { a, b in
            if a.delta.magnitude != b.delta.magnitude { return a.delta.magnitude > b.delta.magnitude }
            if a.delta != b.delta { return a.delta > b.delta }
            return GoroutineGroups.signature(a.group) < GoroutineGroups.signature(b.group)
        }
        totalBefore = base.total
        totalAfter = current.total
    }
}
