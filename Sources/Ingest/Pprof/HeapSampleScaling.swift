import Foundation

/// Undoes the heap profiler's sampling the way pprof does for the legacy text form
/// (`scaleHeapSample` in pprof's legacy_profile.go), so values equal what
/// `go tool pprof` reports for the same file.
///
/// The runtime records an allocation of `size` bytes with probability
/// `1 − exp(−size / rate)`; a record of `count` objects averaging `size / count`
/// bytes therefore stands for `count / (1 − exp(−average / rate))` objects, and its
/// bytes scale by the same factor. The result is truncated toward zero, as Go's
/// `int64(float64)` conversion does.
enum HeapSampleScaling {
    /// The scaled `(count, size)`, or nil when the result does not fit in 64 bits
    /// (absurd input; Go would silently produce garbage there).
    ///
    /// `(0, 0)` when either is 0, and unchanged when `rate <= 1` (1 means every
    /// allocation was recorded; below that pprof treats the rate as unknown).
    static func scale(count: Int64, size: Int64, rate: Int64) -> (count: Int64, size: Int64)? {
        if count == 0 || size == 0 { return (0, 0) }
        if rate <= 1 { return (count, size) }
        let average = Double(size) / Double(count)
        let factor = 1 / (1 - exp(-average / Double(rate)))
        guard let scaledCount = truncated(Double(count) * factor),
              let scaledSize = truncated(Double(size) * factor)
        else { return nil }
        return (scaledCount, scaledSize)
    }

    /// `value` truncated toward zero, or nil when it is not finite or out of range,
    /// where Swift's `Int64(_:)` would trap.
    private static func truncated(_ value: Double) -> Int64? {
        guard value.isFinite, value >= -9_223_372_036_854_775_808.0, value < 9_223_372_036_854_775_808.0 else {
            return nil
        }
        return Int64(value)
    }
}
