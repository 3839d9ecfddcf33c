import ArgumentParser
import Foundation
import Ingest
import LiveQuery
import Render

/// `report --prometheus URL …`: where and what to query on a live Prometheus-compatible
/// server, and how.
struct LiveSourceOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Query this Prometheus-compatible server (Prometheus, Thanos, Mimir, Cortex, VictoriaMetrics) instead of reading a recording; keep its path prefix (http://mimir/prometheus).",
        valueName: "url"))
    var prometheus: String?

    @Option(help: ArgumentHelp("With --prometheus: the label selector of the service, appended to each metric name.", valueName: "{job=\"api\",instance=\"…\"}"))
    var selector: String?

    @Option(help: ArgumentHelp("With --prometheus: the start, as a duration before --until (90s, 30m, 6h, 2d, 1w) or a time (RFC 3339 or Unix seconds).", valueName: "time"))
    var since: String?

    @Option(help: ArgumentHelp("With --prometheus: the end, as a time (RFC 3339 or Unix seconds). Default: now.", valueName: "time"))
    var until: String?

    @Option(help: ArgumentHelp("With --prometheus: seconds between points (15s, 1m …), or auto for at most about 2,000 points per series.", valueName: "step"))
    var step: String?

    @Option(name: .customLong("header"), help: ArgumentHelp("With --prometheus: send this header with each query (repeatable), such as 'X-Scope-OrgID: tenant'.", valueName: "Name: value"))
    var headers: [String] = []

    @Option(help: ArgumentHelp("With --prometheus: seconds each query may take (default 30).", valueName: "seconds"))
    var timeout: Double?

    @Option(name: .customLong("max-response-bytes"), help: ArgumentHelp("With --prometheus: refuse an answer larger than this (default 256 MiB).", valueName: "bytes"))
    var maxResponseBytes: Int?

    @Option(name: .customLong("save-recording"), help: ArgumentHelp("With --prometheus: also save the answers as a recording folder that `gomemreport report DIR` renders offline.", valueName: "dir"))
    var saveRecording: String?

    /// The bearer token's environment variable; the token is never printed nor saved.
    static let tokenVariable = "GOMEMREPORT_PROMETHEUS_TOKEN"
    static let defaultSince = "1h"

    /// Whether any option other than `--prometheus` was given.
    var givesLiveDetails: Bool {
        selector != nil || since != nil || until != nil || step != nil || !headers.isEmpty || timeout != nil
            || maxResponseBytes != nil || saveRecording != nil
    }

    func validate() throws {
        guard prometheus != nil else {
            if givesLiveDetails {
                throw ValidationError("--selector, --since, --until, --step, --header, --timeout, --max-response-bytes and --save-recording go with --prometheus URL.")
            }
            return
        }
        _ = try plan(names: ["up"], now: Date().timeIntervalSince1970)
        _ = try configuration(environment: [:])
    }

    /// The queries for `names` over the range the options give; `now` is the default
    /// end (the one use of the clock: the user asked for "the last 6h").
    func plan(names: [String], now: Double) throws -> PrometheusQueryPlan {
        do {
            var end = now
            if let until {
                guard let time = TimeRangeParser.instant(until) else {
                    throw LiveOptionError("--until '\(until)' is not a time: give RFC 3339 (2026-11-28T07:30:00Z) or Unix seconds")
                }
                end = time
            }
            let sinceText = since ?? Self.defaultSince
            guard let start = TimeRangeParser.time(sinceText, before: end) else {
                throw LiveOptionError("--since '\(sinceText)' is neither a duration (90s, 30m, 6h, 2d, 1w) nor a time (RFC 3339 or Unix seconds)")
            }
            var stepSeconds: Double?
            if let step, step != "auto" {
                guard let seconds = TimeRangeParser.duration(step) ?? Double(step).flatMap({ $0 > 0 ? $0 : nil }) else {
                    throw LiveOptionError("--step '\(step)' is not a duration (15s, 1m …) nor auto")
                }
                stepSeconds = seconds
            }
            return try PrometheusQueryPlan(names: names, selector: selector ?? "", start: start, end: end, step: stepSeconds)
        } catch let error as LiveOptionError {
            throw ValidationError(error.message)
        }
    }

    /// How to talk to the server: the URL, the token from `environment` and the
    /// `--header`s, the timeout and the size cap.
    func configuration(environment: [String: String]) throws -> PrometheusClient.Configuration {
        guard let text = prometheus, let url = URL(string: text), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", url.host?.isEmpty == false else {
            throw ValidationError("--prometheus must be an http:// or https:// URL, such as http://prometheus:9090")
        }
        var parsed: [(name: String, value: String)] = []
        for header in headers {
            guard let colon = header.firstIndex(of: ":") else {
                throw ValidationError("--header must be 'Name: value', such as 'X-Scope-OrgID: tenant'")
            }
            let name = header[..<colon].trimmingCharacters(in: .whitespaces)
            let value = header[header.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            let token = CharacterSet(charactersIn: "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
            guard !name.isEmpty, name.unicodeScalars.allSatisfy(token.contains), !value.contains(where: \.isNewline) else {
                throw ValidationError("--header must be 'Name: value' with a name of letters, digits and -, such as 'X-Scope-OrgID: tenant'")
            }
            parsed.append((name, value))
        }
        if let token = environment[Self.tokenVariable], !token.isEmpty,
           !parsed.contains(where: { $0.name.lowercased() == "authorization" }) {
            parsed.insert(("Authorization", "Bearer \(token)"), at: 0)
        }
        let seconds = timeout ?? 30
        guard seconds > 0, seconds.isFinite else { throw ValidationError("--timeout must be a positive number of seconds") }
        let cap = maxResponseBytes ?? PrometheusClient.defaultMaximumResponseBytes
        guard cap > 0 else { throw ValidationError("--max-response-bytes must be positive") }
        return PrometheusClient.Configuration(baseURL: url, headers: parsed, timeout: seconds, maximumResponseBytes: cap,
                                              userAgent: "\(ToolVersion.name)/\(ToolVersion.current)")
    }
}
