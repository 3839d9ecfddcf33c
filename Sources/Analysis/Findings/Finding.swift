/// One diagnosis of an instance: what is wrong, how sure the engine is, over which
/// window, the numbers that show it and the code it points at. Render phrases it;
/// the ids and evidence keys are stable (the JSON summary carries them and CI keys on
/// them).
public struct Finding: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case heapLeak = "heap-leak"
        case goroutineLeak = "goroutine-leak"
        case nonGoMemory = "non-go-memory"
        case nonGoGrowth = "non-go-growth"
        case virtualExceedsRSS = "virtual-exceeds-rss"
        case spikyHeap = "spiky-heap"
        case nearMemoryLimit = "near-memory-limit"
        case oomKill = "oom-kill"
        case gcPressure = "gc-pressure"
        case insufficientData = "insufficient-data"
        /// The live heap grew and then levelled off: a cache warming up, not a leak.
        case heapWarmUp = "heap-warm-up"
    }

    /// Most severe first when sorted.
    public enum Severity: String, Sendable, Equatable, Comparable, CaseIterable {
        case critical, warning, info

        var rank: Int { self == .critical ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    /// A code location the finding points at, with how much it changed (bytes for heap
    /// findings, goroutines for goroutine findings).
    public struct Attribution: Sendable, Equatable {
        public var function: String
        public var file: String
        public var line: Int64
        public var delta: Int64
        /// For goroutines: what they block on, e.g. "chan receive".
        public var detail: String?

        public init(function: String, file: String, line: Int64, delta: Int64, detail: String? = nil) {
            self.function = function
            self.file = file
            self.line = line
            self.delta = delta
            self.detail = detail
        }
    }

    public var kind: Kind
    public var severity: Severity
    /// 0–1: the trend test's confidence, or 1 for a threshold crossed in the data itself.
    public var confidence: Double
    public var start: Double
    public var end: Double
    /// What is at stake, for ordering findings of one severity.
    public var bytesAtStake: Double
    /// Numbers with their units in their keys (`rate_bytes_per_hour`, `goroutines_delta`), in a stable order.
    public var evidence: [(key: String, value: Double)]
    /// Words the numbers cannot carry (`blocking`, `live_heap_source`), in a stable order.
    public var facts: [(key: String, value: String)] = []
    public var attribution: [Attribution] = []

    public init(kind: Kind, severity: Severity, confidence: Double, start: Double, end: Double, bytesAtStake: Double,
                evidence: [(key: String, value: Double)], facts: [(key: String, value: String)] = [], attribution: [Attribution] = []) {
        self.kind = kind
        self.severity = severity
        self.confidence = confidence
        self.start = start
        self.end = end
        self.bytesAtStake = bytesAtStake
        self.evidence = evidence
        self.facts = facts
        self.attribution = attribution
    }

    public func number(_ key: String) -> Double? { evidence.first { $0.key == key }?.value }
    public func fact(_ key: String) -> String? { facts.first { $0.key == key }?.value }

    public static func == (a: Finding, b: Finding) -> Bool {
        a.kind == b.kind && a.severity == b.severity && a.confidence == b.confidence && a.start == b.start && a.end == b.end
            && a.bytesAtStake == b.bytesAtStake && a.evidence.map(\.key) == b.evidence.map(\.key)
            && a.evidence.map(\.value) == b.evidence.map(\.value) && a.facts.map(\.key) == b.facts.map(\.key)
            && a.facts.map(\.value) == b.facts.map(\.value) && a.attribution == b.attribution
    }
}
