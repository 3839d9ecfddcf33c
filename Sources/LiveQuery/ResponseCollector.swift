import Foundation
import Ingest
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Runs one HTTP request at a time per caller and collects its answer, stopping the
/// transfer as soon as the body would exceed a size cap (from `Content-Length` when
/// the server sends one, else by counting bytes as they arrive), so an oversized
/// answer never sits in memory whole.
///
/// It is the delegate of the session it serves; several callers may use it at once
/// from different threads, each blocking on its own transfer.
public final class ResponseCollector: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    /// How a transfer ended.
    public enum Outcome {
        /// An HTTP answer, whatever its status.
        case response(status: Int, body: [UInt8])
        /// The body passed the cap; the transfer was cancelled.
        case tooLarge
        /// No HTTP answer: the transport's error (`URLError.timedOut` for the deadline).
        case failed(URLError)
    }

    private final class Transfer {
        let limit: Int
        var status = 0
        var body = Data()
        var tooLarge = false
        var timedOut = false
        var outcome: Outcome?
        let done = DispatchSemaphore(value: 0)

        init(limit: Int) { self.limit = limit }
    }

    public override init() {}

    private let lock = NSLock()
    private var transfers: [Int: Transfer] = [:]

    /// Sends `request` on `session` (whose delegate must be this collector) and waits
    /// for the answer, at most `timeout` seconds in all.
    public func perform(_ request: URLRequest, in session: URLSession, limit: Int, timeout: Double) -> Outcome {
        let task = session.dataTask(with: request)
        let transfer = Transfer(limit: limit)
        lock.withLock { transfers[task.taskIdentifier] = transfer }
        task.resume()
        if transfer.done.wait(timeout: .now() + timeout) == .timedOut {
            lock.withLock { transfer.timedOut = true }
            task.cancel()
            // The session reports the cancellation promptly; do not hang if it does not.
            _ = transfer.done.wait(timeout: .now() + 5)
        }
        return lock.withLock {
            transfers[task.taskIdentifier] = nil
            return transfer.outcome ?? .failed(URLError(.unknown))
        }
    }

    /// Foundation on Linux reports transport failures as `NSError`s of `NSURLErrorDomain`.
    static func urlError(_ error: Error) -> URLError {
        if let urlError = error as? URLError { return urlError }
        let nsError = error as NSError
        guard nsError.domain == NSURLErrorDomain else { return URLError(.unknown, userInfo: nsError.userInfo) }
        return URLError(URLError.Code(rawValue: nsError.code) ?? .unknown, userInfo: nsError.userInfo)
    }

    private func transfer(for task: URLSessionTask) -> Transfer? {
        lock.withLock { transfers[task.taskIdentifier] }
    }

    public func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        guard let transfer = transfer(for: dataTask) else { return completionHandler(.cancel) }
        let tooLarge: Bool = lock.withLock {
            transfer.status = (response as? HTTPURLResponse)?.statusCode ?? 0
            if response.expectedContentLength > Int64(transfer.limit) { transfer.tooLarge = true }
            return transfer.tooLarge
        }
        completionHandler(tooLarge ? .cancel : .allow)
    }

    public func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard let transfer = transfer(for: dataTask) else { return }
        let over: Bool = lock.withLock {
            guard !transfer.tooLarge else { return false }
            if transfer.body.count + data.count > transfer.limit {
                transfer.tooLarge = true
                transfer.body = Data()
                return true
            }
            transfer.body.append(data)
            return false
        }
        if over { dataTask.cancel() }
    }

    public func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        guard let transfer = transfer(for: task) else { return }
        lock.withLock {
            guard transfer.outcome == nil else { return }
            if transfer.tooLarge {
                transfer.outcome = .tooLarge
            } else if transfer.timedOut {
                transfer.outcome = .failed(URLError(.timedOut))
            } else if let error {
                transfer.outcome = .failed(Self.urlError(error))
            } else {
                transfer.outcome = .response(status: transfer.status, body: [UInt8](transfer.body))
            }
        }
        transfer.done.signal()
    }
}
