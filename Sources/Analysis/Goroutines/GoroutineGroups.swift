import MemoryModel

/// A goroutine profile or dump grouped by identical stack (and wait state), largest
/// group first.
public struct GoroutineGroups: Sendable, Equatable {
    public var total: Int64
    public var groups: [GoroutineGroup]

    /// Groups the samples of a goroutine profile. With `profile.goroutines` (a `debug=2`
    /// dump) each goroutine's wait state is part of its group, and ages are kept.
    public init(profile: Profile, sampleIndex: Int = 0) {
        var byKey: [GoroutineGroup.Key: GoroutineGroup] = [:]
        var order: [GoroutineGroup.Key] = []
        var total: Int64 = 0
        let stride = profile.sampleTypes.count
        for sample in 0..<profile.sampleCount where sampleIndex < stride {
            let count = profile.values[sample * stride + sampleIndex]
            if count == 0 { continue }
            total += count
            var frames: [GoroutineFrame] = []
            for location in profile.stack(ofSample: sample) {
                for line in profile.locations[Int(location)].lines {
                    let function = profile.functions[Int(line.function)]
                    frames.append(GoroutineFrame(function: function.name, file: function.filename, line: line.line))
                }
            }
            let record = profile.goroutines.flatMap { sample < $0.count ? $0[sample] : nil }
            let key = GoroutineGroup.Key(state: record?.state ?? "", frames: frames)
            if var group = byKey[key] {
                group.count += count
                if let minutes = record?.waitMinutes {
                    let range = group.minutesWaiting.map { min($0.lowerBound, minutes)...max($0.upperBound, minutes) } ?? minutes...minutes
                    group.minutesWaiting = range
                }
                byKey[key] = group
            } else {
                let operation = BlockingOperation.classify(frames.map(\.function))
                    ?? record.map { Self.operation(fromState: $0.state) } ?? "running or runnable"
                byKey[key] = GoroutineGroup(
                    key: key, count: count, blockingOperation: operation,
                    owner: frames.first { !BlockingOperation.isPlumbing($0.function) } ?? frames.last,
                    minutesWaiting: record?.waitMinutes.map { $0...$0 },
                    createdBy: record?.createdBy)
                order.append(key)
            }
        }
        self.total = total
        groups = order.map { byKey[$0]! }.sorted { a, b in
            if a.count != b.count { return a.count > b.count }
            return Self.signature(a) < Self.signature(b)
        }
    }

    /// A dump's wait reason as an operation name, for stacks whose frames say nothing.
    static func operation(fromState state: String) -> String {
        switch state {
        case "IO wait": return "network wait"
        case "sleep": return "sleep"
        case "semacquire": return "semaphore"
        case "": return "running or runnable"
        default: return state
        }
    }

    static func signature(_ group: GoroutineGroup) -> String {
        group.state + "|" + group.frames.map { "\($0.function) \($0.file):\($0.line)" }.joined(separator: ";")
    }
}
