import Foundation
import MemoryModel

extension MemoryBreakdown {
    /// Computes the breakdown of one instance from its series.
    ///
    /// Prefers runtime/metrics (`go_memory_classes_*`) and falls back to MemStats
    /// (`go_memstats_*`) when any runtime/metrics class is missing. Samples are kept
    /// where every needed series has a value at the same timestamp.
    ///
    /// Throws `InputError` naming `file` when neither scheme is complete, when no
    /// timestamp is shared by all needed series, and (naming the series' own file and
    /// JSON path) when a memory class holds NaN or an infinity.
    public static func compute(from original: InstanceSeries, file: String) throws -> MemoryBreakdown {
        let (instance, legacy) = GoMemorySeriesNames.renamingLegacyNames(in: original)
        let names = try chooseScheme(for: instance, file: file)
        let required = names.allNames.sorted()
        let lookup = Dictionary(uniqueKeysWithValues: required.map { ($0, instance.series(named: $0)!) })

        // Timestamps where every required series has a sample.
        let reference = lookup[names.goMemory.plus[0]]!
        var timestamps: [Double]
        if lookup.values.allSatisfy({ $0.timestamps == reference.timestamps }) {
            // Nearly always so; a set of a week's times would cost more than the rest.
            timestamps = reference.timestamps
        } else {
            var shared = Set(reference.timestamps)
            for series in lookup.values where series.timestamps != reference.timestamps {
                shared.formIntersection(series.timestamps)
            }
            timestamps = reference.timestamps.filter { shared.contains($0) }
        }
        guard !timestamps.isEmpty else {
            throw InputError(file: file, reason: "\(instance.id): the \(names.scheme.rawValue) memory series share no timestamp")
        }

        var aligned: [String: [Double]] = [:]
        var underflows: [(name: String, index: Int)] = []
        // In name order, not the dictionary's (which changes from run to run), so the same
        // bad input always gives the same error.
        for name in required {
            let series = lookup[name]!
            let values = align(series, to: timestamps)
            for index in values.indices where Self.underflowedUInt64.contains(values[index]) {
                underflows.append((name, index))
            }
            if let bad = values.firstIndex(where: { !Self.plausibleBytes.contains($0) && !Self.underflowedUInt64.contains($0) }) {
                let sourceIndex = series.timestamps.firstIndex(of: timestamps[bad]) ?? bad
                let value = values[bad]
                let shown = value.isNaN ? "NaN" : value.isInfinite ? (value > 0 ? "+Inf" : "-Inf") : "\(value)"
                let time = String(format: "%.3f", timestamps[bad])
                throw InputError(file: series.origin.file, location: "\(series.origin.location).values[\(sourceIndex)]",
                                 reason: "\(name) is \(shown) at Unix time \(time); memory classes must be finite byte counts from 0 to 2^60")
            }
            aligned[name] = values
        }
        var notes: [DataNote] = legacy.map { DataNote.legacyName(current: $0.current, legacy: $0.legacy) }
        if !underflows.isEmpty {
            // The runtime's uint64 arithmetic wrapped below zero: the sample says nothing
            // true about that class, so the whole sample goes (a gap, not a guess).
            let dropped = Set(underflows.map(\.index))
            guard dropped.count < timestamps.count else {
                let first = underflows[0]
                throw InputError(file: lookup[first.name]!.origin.file, location: lookup[first.name]!.origin.location,
                                 reason: "\(first.name) is above 2^63 at every sample (a uint64 underflow); no sample can be used")
            }
            let keep = timestamps.indices.filter { !dropped.contains($0) }
            let first = underflows.min { $0.index < $1.index }!
            let affected = Set(underflows.map(\.name)).sorted()
            notes.append(.underflow(series: affected, samples: dropped.count, firstTime: timestamps[first.index]))
            timestamps = keep.map { timestamps[$0] }
            for name in aligned.keys { aligned[name] = keep.map { aligned[name]![$0] } }
        }

        func evaluate(_ recipe: GoMemorySeriesNames.Recipe) -> [Double] {
            var sum = [Double](repeating: 0, count: timestamps.count)
            for name in recipe.plus { for (i, v) in aligned[name]!.enumerated() { sum[i] += v } }
            for name in recipe.minus { for (i, v) in aligned[name]!.enumerated() { sum[i] -= v } }
            return sum
        }

        var categories: [MemoryCategory: [Double]] = [:]
        for category in MemoryCategory.allCases { categories[category] = evaluate(names.categories[category]!) }

        // RSS: the sources in order of preference, each filling the samples the ones
        // before left empty.
        var rss = [Double?](repeating: nil, count: timestamps.count)
        var used: [String] = []
        var rssFiles: [String] = []
        for source in GoMemorySeriesNames.rssSources {
            guard let rssSeries = instance.series(named: source.name) else { continue }
            var filled = false
            for (i, value) in alignNearest(rssSeries, to: timestamps).enumerated() where rss[i] == nil && value != nil {
                rss[i] = value
                filled = true
            }
            if filled {
                used.append(source.label)
                let source = rssSeries.origin.label ?? rssSeries.origin.file
                if !rssFiles.contains(source) { rssFiles.append(source) }
            }
        }
        let rssSource = used.count > 1 ? "\(used[0]) where recorded, else \(used.dropFirst().joined(separator: ", "))"
            : (used.first ?? "process_resident_memory_bytes")

        var breakdown = MemoryBreakdown(instance: instance.id, scheme: names.scheme, timestamps: timestamps, categories: categories,
                                        goMemory: evaluate(names.goMemory), heapReleased: aligned[names.heapReleased]!, rss: rss)
        breakdown.rssSource = rssSource
        let procSeries = ProcessMemory.seriesNames.map { instance.series(named: $0) }
        if procSeries.contains(where: { $0 != nil }) {
            let none = [Double?](repeating: nil, count: timestamps.count)
            breakdown.process = ProcessMemory(aligned: procSeries.map { $0.map { alignNearest($0, to: timestamps) } ?? none })
        }
        breakdown.restarts = RestartDetection.restarts(in: instance)
        breakdown.gcCycles = GoMemorySeriesNames.gcCycleCounter(in: instance).flatMap { counter in
            counter.timestamps.count > 1 ? CounterIncrease(values: counter.values).increase : nil
        }
        breakdown.gcPauses = GCPauseSummary(pauses: instance.series(named: "expvar_gc_pause_seconds"),
                                            start: timestamps[0], end: timestamps[timestamps.count - 1])
        breakdown.goVersion = instance.series.first { $0.name == "go_info" }?.labels["version"]
        breakdown.notes = notes + missingSeriesNotes(instance, breakdown: breakdown)
        let cgroupNames = ["cgroup_memory_current_bytes", "cgroup_memory_kernel_bytes", "cgroup_memory_max_bytes"]
        let cgroup = cgroupNames.map { name in
            instance.series(named: name).map { alignNearest($0, to: timestamps) }
        }
        breakdown.sources = BreakdownSources(
            categories: Set(lookup.values.map { $0.origin.label ?? $0.origin.file }).sorted(), rss: rssFiles,
            container: Set(cgroupNames.compactMap { instance.series(named: $0).map { $0.origin.label ?? $0.origin.file } }).sorted(),
            process: Set(procSeries.compactMap { $0.map { $0.origin.label ?? $0.origin.file } }).sorted())
        if cgroup.contains(where: { $0 != nil }) {
            let none = [Double?](repeating: nil, count: timestamps.count)
            breakdown.container = ContainerMemory(current: cgroup[0] ?? none, kernel: cgroup[1] ?? none, limit: cgroup[2] ?? none)
        }
        return breakdown
    }

    /// Byte counts a process can really have: 0 to 1 EiB. Larger or negative values can
    /// only come from broken or hostile input, and would overflow chart arithmetic.
    static let plausibleBytes: ClosedRange<Double> = 0...0x1p60

    /// A small negative number computed in uint64 and exported as a float: the known
    /// underflow of `/memory/classes/heap/unused` in some Go releases. Such samples are
    /// left out with a note, not fatal.
    static let underflowedUInt64: ClosedRange<Double> = 0x1p63...0x1p64

    /// The scheme `compute` would use for `instance`, or nil when it has no complete
    /// set of Go memory series (a non-Go job scraped alongside, for example).
    public static func availableScheme(in instance: InstanceSeries) -> MetricScheme? {
        let present = Set(GoMemorySeriesNames.renamingLegacyNames(in: instance).0.series.map(\.name))
        return [GoMemorySeriesNames.runtimeMetrics, .memStats].first { $0.allNames.isSubset(of: present) }?.scheme
    }

    private static func chooseScheme(for instance: InstanceSeries, file: String) throws -> GoMemorySeriesNames {
        let present = Set(instance.series.map(\.name))
        for names in [GoMemorySeriesNames.runtimeMetrics, .memStats] where names.allNames.isSubset(of: present) {
            return names
        }
        let partial = [GoMemorySeriesNames.runtimeMetrics, .memStats]
            .filter { !$0.allNames.isDisjoint(with: present) }
        if let best = partial.first {
            let missing = best.allNames.subtracting(present).sorted()
            throw InputError(file: file, reason: "\(instance.id): incomplete \(best.scheme.rawValue) memory series; missing \(missing.joined(separator: ", "))")
        }
        throw InputError(file: file, reason: "\(instance.id): no Go memory series; expected go_memory_classes_*_bytes (runtime/metrics) or go_memstats_*_bytes (MemStats) from client_golang")
    }

    /// A series sampled on its own clock (RSS from /proc beside expvar), matched to
    /// `timestamps` by the nearest sample within half of the series' typical step (and
    /// at most 30 s); nil where none is that close or the value is not a byte count.
    /// `acceptAnyValue` keeps values that are not byte counts (counters, ratios).
    static func alignNearest(_ series: MetricSeries, to timestamps: [Double], acceptAnyValue: Bool = false) -> [Double?] {
        let times = series.timestamps
        guard !times.isEmpty else { return [Double?](repeating: nil, count: timestamps.count) }
        var steps = zip(times.dropFirst(), times).map { $0 - $1 }
        steps.sort()
        let typical = steps.isEmpty ? 1 : steps[steps.count / 2]
        let tolerance = min(max(typical / 2, 1e-6), 30)
        var result: [Double?] = []
        result.reserveCapacity(timestamps.count)
        var cursor = 0
        for t in timestamps {
            while cursor + 1 < times.count && abs(times[cursor + 1] - t) <= abs(times[cursor] - t) { cursor += 1 }
            let value = series.values[cursor]
            result.append(abs(times[cursor] - t) <= tolerance && (acceptAnyValue ? value.isFinite : plausibleBytes.contains(value)) ? value : nil)
        }
        return result
    }

    /// The series' values at `timestamps`, which must be a subset of its own.
    private static func align(_ series: MetricSeries, to timestamps: [Double]) -> [Double] {
        if series.timestamps == timestamps { return series.values }
        var result: [Double] = []
        result.reserveCapacity(timestamps.count)
        var cursor = 0
        for t in timestamps {
            while series.timestamps[cursor] < t { cursor += 1 }
            result.append(series.values[cursor])
        }
        return result
    }
}
