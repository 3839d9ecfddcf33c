import Foundation
import Ingest

/// The shared progress of one `fetch`: which query is next, the results so far, and
/// whether one has failed (then no further query starts).
final class FetchProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var failed = false
    private var results: [Result<PrometheusAnswer, Error>?]

    init(count: Int) {
        results = Array(repeating: nil, count: count)
    }

    func nextIndex() -> Int? {
        lock.withLock {
            guard !failed, next < results.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    func hasFailed() -> Bool {
        lock.withLock { failed }
    }

    func record(_ result: Result<PrometheusAnswer, Error>, at index: Int) {
        lock.withLock {
            results[index] = result
            if case .failure = result { failed = true }
        }
    }

    /// Every answer, or the failure of the earliest query that failed.
    func answers() throws -> [PrometheusAnswer] {
        try lock.withLock {
            var answers: [PrometheusAnswer] = []
            for result in results {
                if case .failure(let error) = result { throw error }
            }
            for result in results {
                if case .success(let answer) = result { answers.append(answer) }
            }
            return answers
        }
    }
}
