import MemoryModel

/// The bound every profile reader holds sample values to: per sample type, the values'
/// magnitudes add up to at most `limit`, half of `Int64.max` (about 4.6 × 10^18, 4 EiB
/// or 146 years of nanoseconds). Then any sum of one profile's values, and any
/// difference of two such sums (a diff against a base), fits in 64 bits, so `top`, the
/// goroutine groups and the diffs add without overflow. The Go runtime never writes
/// totals near it. Found by fuzzing: a profile.proto with two samples of `Int64.max`
/// goroutines trapped in `GoroutineGroups`.
enum ProfileValueBound {
    static let limit = Int64.max / 2

    /// The first sample (index) at which `values` (sample-major, `typeCount` per sample)
    /// pass the bound, with the name of the sample type; nil when they stay within it.
    static func firstExcess<Values: Collection>(values: Values, typeCount: Int) -> (sample: Int, type: Int)? where Values.Element == Int64 {
        guard typeCount > 0 else { return nil }
        var totals = [Int64](repeating: 0, count: typeCount)
        var type = 0
        for (index, value) in values.enumerated() {
            let magnitude = value == .min ? Int64.max : abs(value)
            let (total, overflow) = totals[type].addingReportingOverflow(magnitude)
            if overflow || total > limit { return (index / typeCount, type) }
            totals[type] = total
            type += 1
            if type == typeCount { type = 0 }
        }
        return nil
    }

    /// What the error says, after the place.
    static func reason(typeName: String) -> String {
        "the samples' \(typeName) values add up beyond \(limit) (half of 64 bits); the Go runtime writes no such profile"
    }
}
