import Foundation
import Ingest
import LiveQuery
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// GETs from the recorded service, one request at a time, each bounded by a timeout
/// and a size cap (checked while the body streams in), with no cookies or cache:
/// `http://` through `PlainHTTPClient`, `https://` through URLSession.
///
/// Failure modes, as `FetchFailure`: no answer within `timeout` (`.timeout`), no
/// connection (`.unreachable`), any status but 200 (`.status`), and a body over the cap
/// (`.tooLarge`). Nothing is retried here; the recorder decides.
final class TargetClient: @unchecked Sendable {
    private let session: URLSession
    private let collector = ResponseCollector()
    private let userAgent: String
    private let plain: PlainHTTPClient

    init(userAgent: String) {
        self.userAgent = userAgent
        plain = PlainHTTPClient(userAgent: userAgent)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.httpShouldSetCookies = false
        configuration.httpMaximumConnectionsPerHost = 1
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        session = URLSession(configuration: configuration, delegate: collector, delegateQueue: queue)
    }

    deinit {
        session.invalidateAndCancel()
    }

    /// The body of a 200 answer to `GET url`.
    func get(_ url: URL, timeout: Double, limit: Int, accept: String? = nil) -> Result<[UInt8], FetchFailure> {
        if url.scheme == "http" { return plain.get(url, timeout: max(0.05, timeout), limit: limit, accept: accept) }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: max(0.1, timeout))
        request.setValue(userAgent, forHTTPHeaderField: "User-Agent")
        if let accept { request.setValue(accept, forHTTPHeaderField: "Accept") }
        switch collector.perform(request, in: session, limit: limit, timeout: max(0.1, timeout)) {
        case .tooLarge:
            return .failure(.tooLarge(limit: limit))
        case .failed(let error):
            return .failure(error.code == .timedOut ? .timeout : .unreachable(error.shortReason))
        case let .response(status, body):
            return status == 200 ? .success(body) : .failure(.status(status))
        }
    }
}
