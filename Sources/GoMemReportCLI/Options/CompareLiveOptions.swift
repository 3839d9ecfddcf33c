import ArgumentParser
import Foundation
import Ingest
import LiveQuery

/// `compare --prometheus URL`: the candidate is `--selector` over `--since`/`--until`
/// (as in `report`), the base `--base-selector` over `--base-since`/`--base-until`, so
/// "now against the same hour last week" is `--since 1h --base-until 1w` and "canary
/// against stable" is two selectors over one window.
struct CompareLiveOptions: ParsableArguments {
    @Option(name: .customLong("base-selector"), help: ArgumentHelp("With --prometheus: the base's label selector (default: --selector).", valueName: "{…}"))
    var baseSelector: String?

    @Option(name: .customLong("base-since"), help: ArgumentHelp("With --prometheus: the base's start, a duration before --base-until or a time (default: the candidate's window length).", valueName: "time"))
    var baseSince: String?

    @Option(name: .customLong("base-until"), help: ArgumentHelp("With --prometheus: the base's end, a time or a duration before the candidate's end (1w: the same window a week earlier). Default: the candidate's end.", valueName: "time"))
    var baseUntil: String?

    var givesBase: Bool { baseSelector != nil || baseSince != nil || baseUntil != nil }

    /// The base's plan, from the candidate's.
    func basePlan(names: [String], candidate: PrometheusQueryPlan) throws -> PrometheusQueryPlan {
        var end = candidate.end
        if let baseUntil {
            guard let time = TimeRangeParser.time(baseUntil, before: candidate.end) else {
                throw ValidationError("--base-until '\(baseUntil)' is neither a duration (1h, 1d, 1w) nor a time (RFC 3339 or Unix seconds)")
            }
            end = time
        }
        var start = end - (candidate.end - candidate.start)
        if let baseSince {
            guard let time = TimeRangeParser.time(baseSince, before: end) else {
                throw ValidationError("--base-since '\(baseSince)' is neither a duration (90s, 30m, 6h) nor a time (RFC 3339 or Unix seconds)")
            }
            start = time
        }
        do {
            return try PrometheusQueryPlan(names: names, selector: baseSelector ?? candidate.selector, start: start, end: end, step: candidate.step)
        } catch let error as LiveOptionError {
            throw ValidationError("the base: " + error.message.replacingOccurrences(of: "--until must be after --since", with: "--base-until must be after --base-since"))
        }
    }
}
