/// What to ask a Prometheus-compatible server for: one `query_range` per metric name,
/// each `NAME` + selector, over one time range at one step.
///
/// Building a plan checks the user's options and throws `LiveOptionError` for a
/// selector that is not `{…}`, an end not after the start, a step below 1 s, or more
/// than `maximumPoints` steps (the server would refuse them).
public struct PrometheusQueryPlan: Sendable, Equatable {
    /// One query: the metric name (which names the saved answer) and the PromQL.
    public struct Query: Sendable, Equatable {
        public var name: String
        public var promQL: String
    }

    /// The selector as the user gave it, `{job="api",instance="…"}`, or "" for none.
    public var selector: String
    /// In the order of `names`.
    public var queries: [Query]
    /// Unix seconds.
    public var start: Double
    public var end: Double
    /// Seconds between evaluations.
    public var step: Double

    /// Prometheus refuses a range query of more than 11,000 steps per series.
    public static let maximumPoints = 11_000
    /// `--step auto` keeps at most about this many points per series: the smallest
    /// "nice" step that gives at most 2,050 (so a round week gets 5 minutes: 2,017).
    public static let autoPoints = 2_050
    /// The steps `--step auto` chooses from, in seconds; after a day, whole days.
    static let niceSteps: [Double] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 10_800, 21_600, 43_200, 86_400]

    /// - Parameters:
    ///   - names: metric names, one query each, kept in this order.
    ///   - selector: `{…}` appended to each name; "" or `{}` for bare names.
    ///   - step: seconds, or nil for `--step auto`.
    public init(names: [String], selector: String, start: Double, end: Double, step: Double?) throws {
        let trimmed = selector.trimmingSpaces
        guard trimmed.isEmpty || (trimmed.hasPrefix("{") && trimmed.hasSuffix("}")) else {
            throw LiveOptionError("--selector must be a label selector in braces, such as '{job=\"api\",instance=\"10.0.0.7:8080\"}'")
        }
        guard end > start else {
            throw LiveOptionError("the time range is empty: --until must be after --since")
        }
        let chosen = step ?? Self.autoStep(range: end - start)
        guard chosen >= 1 else { throw LiveOptionError("--step must be at least 1s") }
        let points = ((end - start) / chosen).rounded(.down)
        guard points <= Double(Self.maximumPoints) else {
            throw LiveOptionError("--step \(Self.format(seconds: chosen)) over \(Int((end - start).rounded()))s makes \(Int(points) + 1) points per series; Prometheus allows at most 11,000: use a larger --step (or --step auto) or a shorter window")
        }
        let suffix = trimmed == "{}" ? "" : trimmed
        self.selector = suffix
        self.queries = names.map { Query(name: $0, promQL: $0 + suffix) }
        self.start = start
        self.end = end
        self.step = chosen
    }

    /// The smallest nice step (1s, 2s, 5s, 10s, 15s, 30s, 1m, 2m, 5m, 10m, 15m, 30m, 1h,
    /// 2h, 3h, 6h, 12h, 1d, then whole days) that keeps `range` within `autoPoints` points.
    public static func autoStep(range: Double) -> Double {
        let target = range / Double(autoPoints - 1)
        if let nice = niceSteps.first(where: { $0 >= target }) { return nice }
        return (target / 86_400).rounded(.up) * 86_400
    }

    /// `15s`, `5m`, `2h`, `1d`, or `1.5s`: the largest unit that divides the seconds.
    public static func format(seconds: Double) -> String {
        for (unit, size) in [("w", 604_800.0), ("d", 86_400), ("h", 3_600), ("m", 60)]
        where seconds >= size && seconds.truncatingRemainder(dividingBy: size) == 0 {
            return "\(Int(seconds / size))\(unit)"
        }
        if seconds == seconds.rounded() { return "\(Int(seconds))s" }
        return "\(seconds)s"
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }
}
