/// What each endpoint did over a recording: asked, answered, absent (404, asked once),
/// and its failures counted by kind, with the first and last time of each.
///
/// A value: the recorder updates it after each request and copies it into the manifest.
public struct EndpointLedger: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var requests = 0
        public var answers = 0
        public var bytes = 0
        /// Answered 404 (or the file does not exist): not asked again.
        public var absent = false
        /// Failure kind → count, first and last Unix time, last message.
        public var failures: [String: FailureCount] = [:]
        /// Answers dropped on purpose (a dump over its cap, a dump skipped for its size).
        public var skipped = 0
    }

    public struct FailureCount: Sendable, Equatable {
        public var count: Int
        public var first: Double
        public var last: Double
        public var message: String

        public init(count: Int, first: Double, last: Double, message: String) {
            self.count = count
            self.first = first
            self.last = last
            self.message = message
        }
    }

    public private(set) var entries: [Endpoint: Entry] = [:]

    public init() {}

    public func entry(_ endpoint: Endpoint) -> Entry { entries[endpoint] ?? Entry() }

    public func isAbsent(_ endpoint: Endpoint) -> Bool { entries[endpoint]?.absent ?? false }

    public mutating func answered(_ endpoint: Endpoint, bytes: Int) {
        entries[endpoint, default: Entry()].requests += 1
        entries[endpoint, default: Entry()].answers += 1
        entries[endpoint, default: Entry()].bytes += bytes
    }

    /// Counts a failure. A 404 marks the endpoint absent and returns true the first time,
    /// so the caller can say so once; at an endpoint whose absence is expected it is not
    /// a failure.
    @discardableResult
    public mutating func failed(_ endpoint: Endpoint, _ failure: FetchFailure, at time: Double) -> Bool {
        var entry = entries[endpoint, default: Entry()]
        entry.requests += 1
        if failure == .status(404), endpoint.absenceIsExpected {
            let newlyAbsent = !entry.absent
            entry.absent = true
            entries[endpoint] = entry
            return newlyAbsent
        }
        var count = entry.failures[failure.kind] ?? FailureCount(count: 0, first: time, last: time, message: failure.message)
        count.count += 1
        count.last = time
        count.message = failure.message
        entry.failures[failure.kind] = count
        let newlyAbsent = failure == .status(404) && !entry.absent
        if newlyAbsent { entry.absent = true }
        entries[endpoint] = entry
        return newlyAbsent
    }

    public mutating func skipped(_ endpoint: Endpoint) {
        entries[endpoint, default: Entry()].skipped += 1
    }

    /// Failures over every endpoint.
    public var failureCount: Int {
        entries.values.reduce(0) { $0 + $1.failures.values.reduce(0) { $0 + $1.count } }
    }
}
