/// Why one request got no usable answer. Counted per endpoint in the manifest.
public enum FetchFailure: Error, Sendable, Equatable {
    /// No answer within the timeout.
    case timeout
    /// Connection refused or reset, DNS failure and the like.
    case unreachable(String)
    /// An HTTP answer other than 200; 404 marks the endpoint absent.
    case status(Int)
    /// The answer passed the size cap.
    case tooLarge(limit: Int)
    /// A local file could not be read (the process exited, the cgroup went away).
    case unreadable(String)
    /// A 200 answer that is not what the endpoint should serve (an HTML page at
    /// `/metrics`, a cut-off profile); it is not saved.
    case invalid(String)

    /// The manifest's key for the count: `timeout`, `http-500`, `unreachable`, …
    public var kind: String {
        switch self {
        case .timeout: return "timeout"
        case .unreachable: return "unreachable"
        case .status(let code): return "http-\(code)"
        case .tooLarge: return "too-large"
        case .unreadable: return "unreadable"
        case .invalid: return "invalid"
        }
    }

    /// One line for the status line and the manifest.
    public var message: String {
        switch self {
        case .timeout: return "no answer within the timeout"
        case .unreachable(let reason): return reason
        case .status(let code): return "HTTP \(code)"
        case .tooLarge(let limit): return "answer larger than \(limit) bytes"
        case .unreadable(let reason): return reason
        case .invalid(let reason): return reason
        }
    }

    /// Whether asking again at once may help: resets and gateway errors, not timeouts
    /// (which already took the whole budget) nor a 4xx.
    var isWorthRetrying: Bool {
        switch self {
        case .unreachable: return true
        case .status(let code): return code == 502 || code == 503 || code == 504
        default: return false
        }
    }
}
