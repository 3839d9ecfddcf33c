import Analysis
import MemoryModel

/// The machine-readable result of `compare --json`, schema `gomemreport/compare/v1`
/// (`schemas/compare-v1.schema.json`). Unknown values are `null`, never omitted.
public struct CompareSummary: Encodable, Sendable {
    public static let schemaName = "gomemreport/compare/v1"

    public struct Side: Encodable, Sendable {
        public var recording: String
        @NullWhenAbsent public var start: String? = nil
        @NullWhenAbsent public var end: String? = nil
        public var samples: Int
    }

    public struct Level: Encodable, Sendable {
        public var median: Double
        public var lowerQuartile: Double
        public var upperQuartile: Double
        public var samples: Int
        enum CodingKeys: String, CodingKey { case median, samples, lowerQuartile = "lower_quartile", upperQuartile = "upper_quartile" }
    }

    public struct Metric: Encodable, Sendable {
        public var metric: String
        public var unit: String
        @NullWhenAbsent public var base: Level? = nil
        @NullWhenAbsent public var candidate: Level? = nil
        @NullWhenAbsent public var change: Double? = nil
        @NullWhenAbsent public var relativeChange: Double? = nil
        @NullWhenAbsent public var pValue: Double? = nil
        public var verdict: String
        enum CodingKeys: String, CodingKey {
            case metric, unit, base, candidate, change, verdict
            case relativeChange = "relative_change", pValue = "p_value"
        }
    }

    public struct Category: Encodable, Sendable {
        public var category: String
        public var base: Double
        public var candidate: Double
        public var change: Double
    }

    public struct Pair: Encodable, Sendable {
        public var base: String
        public var candidate: String
        /// The instances behind each side: one, or several when pooled.
        public var baseInstances: [String]
        public var candidateInstances: [String]
        public var metrics: [Metric]
        public var categories: [Category]
        enum CodingKeys: String, CodingKey {
            case base, candidate, metrics, categories
            case baseInstances = "base_instances", candidateInstances = "candidate_instances"
        }
    }

    public struct FindingEntry: Encodable, Sendable {
        public var id: String
        public var instance: String
        public var severity: String
        public var title: String
    }

    public struct Findings: Encodable, Sendable {
        public var new: [FindingEntry]
        public var resolved: [FindingEntry]
        public var unchanged: [FindingEntry]
    }

    public struct Budget: Encodable, Sendable {
        public var rule: String
        public var metric: String
        public var instance: String
        @NullWhenAbsent public var change: Double? = nil
        @NullWhenAbsent public var relativeChange: Double? = nil
        public var verdict: String
        public var measured: Bool
        public var exceeded: Bool
        enum CodingKeys: String, CodingKey {
            case rule, metric, instance, change, verdict, measured, exceeded
            case relativeChange = "relative_change"
        }
    }

    public var schema: String = CompareSummary.schemaName
    public var tool: String
    public var verdict: String
    public var pairing: String
    public var base: Side
    public var candidate: Side
    public var instances: [Pair]
    public var findings: Findings
    public var budgets: [Budget]
    public var budgetsExceeded: Bool
    /// The candidate's latest heap profile − the base's latest, as in the report summary.
    @NullWhenAbsent public var heapDiff: ReportSummary.HeapDiffEntry? = nil
    @NullWhenAbsent public var goroutineDiff: ReportSummary.GoroutineDiffEntry? = nil

    enum CodingKeys: String, CodingKey {
        case schema, tool, verdict, pairing, base, candidate, instances, findings, budgets
        case budgetsExceeded = "budgets_exceeded", heapDiff = "heap_diff", goroutineDiff = "goroutine_diff"
    }

    /// Pretty-printed JSON with sorted keys, so equal summaries are equal bytes.
    public func jsonText() throws -> String {
        try StableJSON.text(self)
    }
}
