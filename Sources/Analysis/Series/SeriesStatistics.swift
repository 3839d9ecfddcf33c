/// The figures a table shows for one series: last, minimum, maximum, and the value at
/// a chosen sample (the Go memory peak).
public struct SeriesStatistics: Sendable, Equatable {
    public let last: Double
    public let minimum: Double
    public let maximum: Double
    public let atPeak: Double

    /// `values` must not be empty and `peakIndex` must be one of its indices.
    public init(values: [Double], peakIndex: Int) {
        last = values[values.count - 1]
        minimum = values.min()!
        maximum = values.max()!
        atPeak = values[peakIndex]
    }
}
