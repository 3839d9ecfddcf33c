import Foundation
import MemoryModel

/// Puts a series' samples in time order with one sample per timestamp, as
/// `MetricSeries` promises analysis.
///
/// Real sources break the order: a federated or remote-written store can answer with
/// two samples at one time, and snapshot folders gathered from several machines can
/// hold overlapping files. Neither is worth failing a report over, but neither may pass
/// silently: each repaired series yields one `InputWarning` with the counts and the
/// first offending time.
enum SeriesTimeOrder {
    /// expvar's GC pauses, one sample per pause at its end time. Each snapshot repeats
    /// up to 256 earlier pauses, so overlap is this series' nature, not a defect.
    static let gcPauseSeries = "expvar_gc_pause_seconds"

    /// Sorts `timestamps` (stably) and keeps, of samples that share a timestamp, the
    /// one read last: a later file or a later answer is the fresher reading.
    /// Returns the repaired series and a warning, or the series itself and nil when it
    /// was already in order.
    static func repaired(_ series: MetricSeries) -> (MetricSeries, InputWarning?) {
        let times = series.timestamps
        var firstBreak: Int?
        for index in times.indices.dropFirst() where !(times[index] > times[index - 1]) {
            firstBreak = index
            break
        }
        guard let firstBreak else { return (series, nil) }
        if series.name == gcPauseSeries {
            // Each snapshot repeats up to 256 pauses: hash them down to the distinct few
            // before sorting, rather than sorting every repeat.
            var latest: [Double: Double] = [:]
            latest.reserveCapacity(1024)
            for (time, value) in zip(times, series.values) { latest[time] = value }
            var repaired = series
            repaired.timestamps = latest.keys.sorted()
            repaired.values = repaired.timestamps.map { latest[$0]! }
            return (repaired, nil)
        }

        let order = times.indices.sorted { (times[$0], $0) < (times[$1], $1) }
        var outTimes: [Double] = [], outValues: [Double] = []
        outTimes.reserveCapacity(times.count)
        outValues.reserveCapacity(times.count)
        var duplicates = 0
        for index in order {
            if outTimes.last == times[index] {
                outValues[outValues.count - 1] = series.values[index]
                duplicates += 1
            } else {
                outTimes.append(times[index])
                outValues.append(series.values[index])
            }
        }
        // Samples that arrived before an earlier time: counted on the input's order.
        var outOfOrder = 0
        var latest = -Double.infinity
        for time in times {
            if time < latest { outOfOrder += 1 }
            latest = max(latest, time)
        }

        var repaired = series
        repaired.timestamps = outTimes
        repaired.values = outValues
        var problems: [String] = []
        if outOfOrder > 0 { problems.append("\(outOfOrder) sample\(outOfOrder == 1 ? "" : "s") out of time order (sorted)") }
        if duplicates > 0 { problems.append("\(duplicates) duplicate timestamp\(duplicates == 1 ? "" : "s") (kept the value read last)") }
        let first = String(format: "%.3f", times[firstBreak])
        let previous = String(format: "%.3f", times[firstBreak - 1])
        let warning = InputWarning(
            file: series.origin.file, location: series.origin.location,
            reason: "\(series.name): \(problems.joined(separator: " and ")); the first at Unix time \(first), after \(previous)")
        return (repaired, warning)
    }

    /// Repairs every series in place and returns the warnings, in series order.
    static func repair(_ series: inout [MetricSeries]) -> [InputWarning] {
        var warnings: [InputWarning] = []
        for index in series.indices {
            let (fixed, warning) = repaired(series[index])
            series[index] = fixed
            if let warning { warnings.append(warning) }
        }
        return warnings
    }
}
