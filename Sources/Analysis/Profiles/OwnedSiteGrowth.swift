import MemoryModel

/// What grew between two profiles, charged to the first frame on each stack that the
/// service's own code owns: the innermost source line outside the Go runtime.
///
/// pprof charges a sample's value to its leaf, and the leaf of a Go 1.22+ heap sample
/// is often the allocator itself (`runtime.mallocgc` under `runtime.makechan`,
/// `runtime.malg`, `runtime.growslice` …), which no user can act on. A finding names the
/// line that asked for the memory instead. A stack made only of runtime frames (the
/// runtime's own allocations, or goroutine creation as Go 1.19 records it, cut at
/// `runtime.systemstack`) is charged to its outermost frame.
///
/// Pure: rows are sorted by delta (largest growth first), then function, file, line.
public struct OwnedSiteGrowth: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var function: String
        public var file: String
        public var line: Int64
        /// Current − base, in the sample type's unit.
        public var delta: Int64
        /// The stacks charged here allocate goroutines (`runtime.malg`, `newproc1`): the
        /// memory of goroutines the charged function started.
        public var createsGoroutines: Bool
    }

    public var rows: [Row]

    /// - Parameters: the two profiles and the index of the same sample type in each.
    ///   An index out of range contributes nothing.
    public init(current: Profile, currentIndex: Int, base: Profile, baseIndex: Int) {
        struct Key: Hashable { var function: String; var file: String; var line: Int64; var creates: Bool }
        var sums: [Key: Int64] = [:]
        func add(_ profile: Profile, _ index: Int, sign: Int64) {
            guard index >= 0, index < profile.sampleTypes.count else { return }
            let runtimeFunction = profile.functions.map { Self.isRuntime($0.name) }
            for sample in 0..<profile.sampleCount {
                let value = profile.value(ofSample: sample, type: index)
                if value == 0 { continue }
                var owner: ProfileLocation.Line?
                var outermost: ProfileLocation.Line?
                var creates = false
                for location in profile.stack(ofSample: sample) {
                    for line in profile.locations[Int(location)].lines {
                        let function = Int(line.function)
                        guard function >= 0, function < profile.functions.count else { continue }
                        outermost = line
                        if runtimeFunction[function] {
                            if owner == nil, Self.goroutineCreation.contains(profile.functions[function].name) { creates = true }
                        } else if owner == nil {
                            owner = line
                        }
                    }
                    if owner != nil { break }
                }
                guard let charged = owner ?? outermost else { continue }
                let function = profile.functions[Int(charged.function)]
                let key = Key(function: function.name, file: function.filename, line: charged.line, creates: creates)
                sums[key, default: 0] &+= sign &* value
            }
        }
        add(current, currentIndex, sign: 1)
        add(base, baseIndex, sign: -1)
        rows = sums.map { Row(function: $0.key.function, file: $0.key.file, line: $0.key.line, delta: $0.value,
                               createsGoroutines: $0.key.creates) }
            .sorted { a, b in
                if a.delta != b.delta { return a.delta > b.delta }
                return (a.function, a.file, a.line, a.createsGoroutines ? 1 : 0) < (b.function, b.file, b.line, b.createsGoroutines ? 1 : 0)
            }
    }

    /// Runtime functions that allocate a new goroutine's memory.
    static let goroutineCreation: Set<String> = ["runtime.malg", "runtime.newproc1", "runtime.newproc"]

    /// Whether `name` is a function of the Go runtime proper (`runtime.…`, and the
    /// `internal/runtime/…` and `runtime/internal/…` packages), not of a package that
    /// merely lives under `runtime/` such as `runtime/pprof` or `runtime/debug`.
    public static func isRuntime(_ name: String) -> Bool {
        name.hasPrefix("runtime.") || name.hasPrefix("internal/runtime/") || name.hasPrefix("runtime/internal/")
    }
}
