import MemoryModel

/// The contract `MetricSeries` documents, checked on the series a fuzz target reads:
/// as many values as timestamps, finite times, and (once Ingest has put them in order,
/// as a folder's series leave `SnapshotFolder`) strictly increasing times. Charts,
/// trends and findings rely on it without checking.
public enum SeriesContract {
    /// `ordered`: whether the series must already be sorted and free of duplicate times.
    /// `years`: the range of years times must lie in, when the reader promises one.
    public static func check(_ series: [MetricSeries], ordered: Bool, years: ClosedRange<Double>? = nil) {
        for one in series {
            guard one.timestamps.count == one.values.count else {
                FuzzContract.fail("\(one.name): \(one.timestamps.count) timestamps, \(one.values.count) values")
            }
            for time in one.timestamps where !time.isFinite {
                FuzzContract.fail("\(one.name): the time \(time)")
            }
            if let years {
                for time in one.timestamps where !years.contains(time) {
                    FuzzContract.fail("\(one.name): the time \(time) is outside \(years)")
                }
            }
            if ordered {
                for (time, next) in zip(one.timestamps, one.timestamps.dropFirst()) where next <= time {
                    FuzzContract.fail("\(one.name): times not increasing: \(time) then \(next)")
                }
            }
        }
    }
}
