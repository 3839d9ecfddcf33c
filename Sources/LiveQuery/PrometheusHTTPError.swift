/// Why a live query failed, in words that say what to do next. Each case is one line;
/// the server's own `errorType` and `error` are quoted verbatim. The token and header
/// values never appear in a message.
public enum PrometheusHTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No HTTP answer at all (connection refused, unknown host, TLS failure, no answer
    /// within the timeout), after `attempts` tries.
    case unreachable(url: String, reason: String, attempts: Int)
    /// 401 or 403: credentials missing or wrong.
    case unauthorized(url: String, status: Int)
    /// 400 or 422: the server refused the query itself (bad PromQL, too many samples …).
    case rejected(url: String, query: String, status: Int, errorType: String?, error: String)
    /// 500, 502, 503 or 504 on every attempt.
    case unavailable(url: String, query: String, status: Int, detail: String, attempts: Int)
    /// Any other status, such as 404 for a URL without the server's path prefix.
    case unexpectedStatus(url: String, query: String, status: Int, detail: String)
    /// The answer grew past `--max-response-bytes`; the transfer was stopped there.
    case responseTooLarge(url: String, query: String, limit: Int)
    /// A 2xx answer that is not a successful Prometheus answer.
    case badAnswer(url: String, query: String, reason: String)

    public var description: String {
        switch self {
        case let .unreachable(url, reason, attempts):
            let tries = attempts > 1 ? ", \(attempts) attempts" : ""
            return "cannot reach \(url) (\(reason)\(tries)): check --prometheus and that the server is up"
        case let .unauthorized(url, status):
            return "\(url) answered \(Self.statusLine(status)): set GOMEMREPORT_PROMETHEUS_TOKEN, or check the token or --header"
        case let .rejected(url, query, status, errorType, error):
            let kind = errorType.map { " (\($0))" } ?? ""
            return "\(url) refused \(query) with \(Self.statusLine(status))\(kind): \(error)"
        case let .unavailable(url, query, status, detail, attempts):
            let times = attempts > 1 ? " \(attempts) times" : ""
            return "\(url) answered \(Self.statusLine(status)) to \(query)\(times): \(detail); the server (or a proxy before it) is down or overloaded, try again later"
        case let .unexpectedStatus(url, query, status, detail):
            let hint = status == 404 ? ": check that --prometheus is the server's base URL, with its path prefix if it has one (http://mimir/prometheus)" : ""
            return "\(url) answered \(Self.statusLine(status)) to \(query): \(detail)\(hint)"
        case let .responseTooLarge(url, query, limit):
            return "\(url): the answer to \(query) is larger than --max-response-bytes \(limit): raise --max-response-bytes, or use a larger --step or a shorter window"
        case let .badAnswer(url, query, reason):
            return "\(url): the answer to \(query) is not a Prometheus answer: \(reason)"
        }
    }

    /// `503 Service Unavailable`.
    static func statusLine(_ status: Int) -> String {
        let reasons = [400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
                       413: "Payload Too Large", 422: "Unprocessable Entity", 429: "Too Many Requests",
                       500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"]
        return reasons[status].map { "\(status) \($0)" } ?? "HTTP \(status)"
    }
}
