/// Tick positions for chart axes: round numbers of bytes in one binary unit, and
/// round clock times in UTC.
enum AxisTicks {
    /// Ticks from 0 to at least `maximum` bytes, in the unit that fits `maximum`.
    static func bytes(maximum: Double, targetCount: Int = 6) -> (unit: ByteFormat.Unit, step: Double, top: Double) {
        let unit = ByteFormat.Unit.fitting(max(maximum, 1))
        let inUnit = max(maximum, 1) / unit.size
        let rough = inUnit / Double(targetCount)
        var magnitude = 1.0
        while magnitude * 10 <= rough { magnitude *= 10 }
        while magnitude > rough && magnitude > 1e-9 { magnitude /= 10 }
        var step = magnitude
        for factor in [1.0, 2, 2.5, 5, 10] where magnitude * factor >= rough {
            step = magnitude * factor
            break
        }
        let top = (inUnit / step).rounded(.up) * step
        return (unit, step * unit.size, max(top, step) * unit.size)
    }

    /// Candidate intervals between time ticks, in seconds.
    static let timeSteps: [Double] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800,
                                      21600, 43200, 86400, 172_800, 604_800]

    /// Round UTC times between `start` and `end`, at most about `maximumCount`.
    static func times(start: Double, end: Double, maximumCount: Int = 8) -> (step: Double, ticks: [Double]) {
        let span = max(end - start, 1)
        let step = timeSteps.first { span / $0 <= Double(maximumCount) } ?? (span / Double(maximumCount)).rounded(.up)
        var tick = (start / step).rounded(.up) * step
        var ticks: [Double] = []
        while tick <= end {
            ticks.append(tick)
            tick += step
        }
        return (step, ticks)
    }

    /// The label of a time tick, as short as the step allows.
    static func timeLabel(_ time: Double, step: Double, span: Double) -> String {
        let utc = UTCTime(unixSeconds: time)
        if step >= 86400 { return utc.monthDay }
        if span > 86400 { return "\(utc.monthDay) \(utc.clock(seconds: false))" }
        return utc.clock(seconds: step < 60)
    }
}
