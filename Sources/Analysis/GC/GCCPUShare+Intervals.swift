import MemoryModel

extension GCCPUShare {
    /// The GC's CPU share between consecutive scrapes, from runtime/metrics'
    /// `/cpu/classes/gc/total` over `/cpu/classes/total` (both advance at GC ends, so an
    /// interval without a cycle is left out, as is one with a reset). Without them,
    /// expvar's `GCCPUFraction` as recorded (a share since the process started).
    static func intervalShares(in instance: InstanceSeries) -> (times: [Double], values: [Double])? {
        guard let gc = instance.series(named: gcSeconds), let total = instance.series(named: totalSeconds) else {
            guard let fraction = instance.series(named: expvarFraction), !fraction.values.isEmpty else { return nil }
            return (fraction.timestamps, fraction.values)
        }
        var totals: [Double: Double] = [:]
        for (time, value) in zip(total.timestamps, total.values) { totals[time] = value }
        var times: [Double] = [], shares: [Double] = []
        var previous: (gc: Double, total: Double)?
        for (time, value) in zip(gc.timestamps, gc.values) {
            guard let all = totals[time], value.isFinite, all.isFinite else { continue }
            defer { previous = (value, all) }
            guard let last = previous else { continue }
            let used = value - last.gc, available = all - last.total
            guard available > 0, used >= 0 else { continue }
            times.append(time)
            shares.append(min(1, used / available))
        }
        return shares.isEmpty ? nil : (times, shares)
    }
}
