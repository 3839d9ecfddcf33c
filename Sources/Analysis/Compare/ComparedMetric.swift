/// A figure `compare` puts side by side, with its key in budgets and the JSON summary.
public enum ComparedMetric: String, Sendable, CaseIterable, Equatable {
    case goMemory = "go_memory"
    case heapTotal = "heap_total"
    case heapLive = "heap_live"
    case rss
    case nonGo = "non_go"
    case goroutines
    case gcPerMinute = "gc_per_minute"
    /// The GC's share of the CPU available to Go (0…1).
    case gcCPU = "gc_cpu"

    /// `share` is a fraction 0…1; its changes are in percentage points.
    public enum Unit: String, Sendable { case bytes, count, perMinute = "per_minute", share }

    public var unit: Unit {
        switch self {
        case .goroutines: return .count
        case .gcPerMinute: return .perMinute
        case .gcCPU: return .share
        default: return .bytes
        }
    }

    /// Its position in `allCases`.
    var index: Int { Self.allCases.firstIndex(of: self)! }

    /// For people: "Go memory", "live heap after GC", …
    public var title: String {
        switch self {
        case .goMemory: return "Go memory"
        case .heapTotal: return "Heap total"
        case .heapLive: return "Live heap after GC"
        case .rss: return "RSS"
        case .nonGo: return "Non-Go memory (RSS − Go)"
        case .goroutines: return "Goroutines"
        case .gcPerMinute: return "GC cycles per minute"
        case .gcCPU: return "GC CPU (share of the CPU available to Go)"
        }
    }
}
