import Foundation
import Ingest
import MemoryModel
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Asks a Prometheus-compatible server (Prometheus, Thanos, Mimir, Cortex,
/// VictoriaMetrics) for the queries of a plan, through `/api/v1/query_range`.
///
/// Each query is a `POST` with a form-encoded body (`query`, `start`, `end`, `step`),
/// which every one of those servers accepts and which has no URL-length limit. The
/// endpoint is the given URL's path + `/api/v1/query_range`, so a path prefix
/// (`http://mimir/prometheus`) is kept. At most `concurrency` queries run at once;
/// answers come back in the plan's order whatever order they arrive in.
///
/// Failure modes, each a `PrometheusHTTPError`: no connection, DNS failure, TLS failure
/// or no answer within `timeout` (tried `attempts` times, except an unknown host), 401/403,
/// 400/422 (the server's `errorType` and `error` verbatim), 500/502/503/504 on every
/// attempt, any other status, an answer over `maximumResponseBytes` (stopped while
/// streaming), and a 2xx answer that is not a successful Prometheus answer. 4xx
/// answers are never retried. After the first failure no further query starts, and
/// the failure of the earliest query in the plan is thrown.
public final class PrometheusClient: @unchecked Sendable {
    public struct Configuration: Sendable {
        /// The server's base URL, with its path prefix if any.
        public var baseURL: URL
        /// Sent with every request, in order: `Authorization`, `X-Scope-OrgID` …
        public var headers: [(name: String, value: String)]
        /// Seconds each request may take in all, from sending to the last byte.
        public var timeout: Double
        public var maximumResponseBytes: Int
        /// Tries per query for a transport failure or a 5xx answer.
        public var attempts: Int
        /// Seconds to wait before the second, third … try.
        public var backoff: [Double]
        public var concurrency: Int
        /// `gomemreport/0.1.0`, so server logs say who asked.
        public var userAgent: String?

        public init(baseURL: URL, headers: [(name: String, value: String)] = [], timeout: Double = 30,
                    maximumResponseBytes: Int = PrometheusClient.defaultMaximumResponseBytes, attempts: Int = 3,
                    backoff: [Double] = [0.5, 1], concurrency: Int = 4, userAgent: String? = nil) {
            self.baseURL = baseURL
            self.headers = headers
            self.timeout = timeout
            self.maximumResponseBytes = maximumResponseBytes
            self.attempts = attempts
            self.backoff = backoff
            self.concurrency = concurrency
            self.userAgent = userAgent
        }
    }

    /// 256 MiB: about a week of 1-second samples of one series.
    public static let defaultMaximumResponseBytes = 256 << 20

    public let configuration: Configuration
    /// `…/api/v1/query_range`.
    public let endpoint: URL
    /// The endpoint without any user name or password, for messages.
    public let displayURL: String
    /// The base URL without any user name or password, for warnings and saved recordings.
    public let server: String

    private let session: URLSession
    private let collector = ResponseCollector()

    public init(_ configuration: Configuration) {
        self.configuration = configuration
        var components = URLComponents(url: configuration.baseURL, resolvingAgainstBaseURL: false) ?? URLComponents()
        var path = components.path
        while path.hasSuffix("/") { path.removeLast() }
        components.path = path + "/api/v1/query_range"
        endpoint = components.url ?? configuration.baseURL
        components.user = nil
        components.password = nil
        displayURL = components.string ?? endpoint.absoluteString
        components.path = path
        server = components.string ?? displayURL
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        sessionConfiguration.urlCache = nil
        sessionConfiguration.httpShouldSetCookies = false
        sessionConfiguration.timeoutIntervalForRequest = configuration.timeout
        sessionConfiguration.timeoutIntervalForResource = configuration.timeout
        sessionConfiguration.httpMaximumConnectionsPerHost = max(1, configuration.concurrency)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        session = URLSession(configuration: sessionConfiguration, delegate: collector, delegateQueue: queue)
    }

    deinit {
        session.invalidateAndCancel()
    }

    /// Runs every query of `plan`; the answers are in the plan's order.
    public func fetch(_ plan: PrometheusQueryPlan) throws -> [PrometheusAnswer] {
        let state = FetchProgress(count: plan.queries.count)
        let workers = min(max(1, configuration.concurrency), plan.queries.count)
        let finished = DispatchSemaphore(value: 0)
        // Threads of their own: workers block while they wait for answers, and blocked
        // threads of the shared dispatch pool would starve the session's own queues.
        for _ in 0..<workers {
            Thread {
                while let index = state.nextIndex() {
                    let query = plan.queries[index]
                    let result = Result { try self.fetch(query, plan: plan, stop: state.hasFailed) }
                    state.record(result, at: index)
                }
                finished.signal()
            }.start()
        }
        for _ in 0..<workers { finished.wait() }
        return try state.answers()
    }

    /// One query, with retries.
    func fetch(_ query: PrometheusQueryPlan.Query, plan: PrometheusQueryPlan, stop: () -> Bool = { false }) throws -> PrometheusAnswer {
        let request = makeRequest(for: query, plan: plan)
        var attempt = 1
        while true {
            let outcome = collector.perform(request, in: session, limit: configuration.maximumResponseBytes, timeout: configuration.timeout)
            let failure: PrometheusHTTPError
            switch outcome {
            case .tooLarge:
                throw PrometheusHTTPError.responseTooLarge(url: displayURL, query: query.promQL, limit: configuration.maximumResponseBytes)
            case .failed(let error):
                failure = .unreachable(url: displayURL, reason: Self.reason(error), attempts: attempt)
                if !Self.isTransient(error) { throw failure }
            case let .response(status, body):
                if (200..<300).contains(status) { return try answer(body, for: query) }
                failure = Self.failure(status: status, body: body, url: displayURL, query: query.promQL, attempts: attempt)
                if !Self.retriedStatuses.contains(status) { throw failure }
            }
            guard attempt < configuration.attempts, !stop() else { throw failure }
            let pause = configuration.backoff.isEmpty ? 0 : configuration.backoff[min(attempt - 1, configuration.backoff.count - 1)]
            Thread.sleep(forTimeInterval: pause)
            attempt += 1
        }
    }

    private func makeRequest(for query: PrometheusQueryPlan.Query, plan: PrometheusQueryPlan) -> URLRequest {
        var request = URLRequest(url: endpoint, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: configuration.timeout)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let userAgent = configuration.userAgent { request.setValue(userAgent, forHTTPHeaderField: "User-Agent") }
        for header in configuration.headers {
            request.setValue(header.value, forHTTPHeaderField: header.name)
        }
        request.httpBody = Self.formBody([
            ("query", query.promQL),
            ("start", String(format: "%.3f", plan.start)),
            ("end", String(format: "%.3f", plan.end)),
            ("step", plan.step == plan.step.rounded() ? String(Int(plan.step)) : String(plan.step)),
        ])
        return request
    }

    private func answer(_ body: [UInt8], for query: PrometheusQueryPlan.Query) throws -> PrometheusAnswer {
        let envelope: PrometheusRangeReader.Envelope
        do {
            envelope = try PrometheusRangeReader.envelope(body, file: displayURL)
        } catch let error as InputError {
            throw PrometheusHTTPError.badAnswer(url: displayURL, query: query.promQL, reason: error.reason)
        }
        guard envelope.status == "success" else {
            let words = [envelope.errorType, envelope.error].compactMap { $0 }.joined(separator: ": ")
            throw PrometheusHTTPError.badAnswer(url: displayURL, query: query.promQL,
                                                reason: "status \(envelope.status ?? "missing")\(words.isEmpty ? "" : ", \(words)")")
        }
        return PrometheusAnswer(name: query.name, query: query.promQL, bytes: body, warnings: envelope.warnings)
    }

    /// Statuses of an overloaded or restarting server or proxy, worth another try.
    static let retriedStatuses: Set<Int> = [500, 502, 503, 504]

    /// The error for a non-2xx answer.
    static func failure(status: Int, body: [UInt8], url: String, query: String, attempts: Int) -> PrometheusHTTPError {
        let envelope = try? PrometheusRangeReader.envelope(body, file: url)
        let detail = envelope.flatMap { envelope in
            envelope.error.map { error in envelope.errorType.map { "\($0): \(error)" } ?? error }
        } ?? firstLine(body)
        switch status {
        case 401, 403:
            return .unauthorized(url: url, status: status)
        case 400, 422:
            return .rejected(url: url, query: query, status: status, errorType: envelope?.errorType, error: envelope?.error ?? firstLine(body))
        case _ where retriedStatuses.contains(status):
            return .unavailable(url: url, query: query, status: status, detail: detail, attempts: attempts)
        default:
            return .unexpectedStatus(url: url, query: query, status: status, detail: detail)
        }
    }

    /// Connection failures and timeouts may pass; an unknown host or a bad certificate will not.
    static func isTransient(_ error: URLError) -> Bool {
        [.timedOut, .cannotConnectToHost, .networkConnectionLost, .notConnectedToInternet].contains(error.code)
    }

    /// Words for a transport failure.
    static func reason(_ error: URLError) -> String { error.shortReason }

    /// The body's first line, for answers that are not JSON ("Unauthorized", an HTML error page).
    static func firstLine(_ body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(300), as: UTF8.self)
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? "empty answer" : trimmed
    }

    /// `application/x-www-form-urlencoded`: everything but unreserved characters escaped.
    static func formBody(_ fields: [(String, String)]) -> Data {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~")
        let text = fields.map { field in
            "\(field.0)=\(field.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
        return Data(text.utf8)
    }
}
