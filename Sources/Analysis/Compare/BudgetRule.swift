/// One `--budget` rule: how much a figure may grow from base to candidate, as a share
/// (`go_memory:+10%`) or an amount in the figure's unit (`rss:+64MiB`, `goroutines:+50`).
///
/// A rule is exceeded when the steady-state increase is beyond the allowance and beyond
/// noise (`MetricComparison`'s test): a change the test cannot tell from noise does not
/// fail a build. A figure a side lacks is reported as not measured, not as exceeded.
public struct BudgetRule: Sendable, Equatable {
    public enum Allowance: Sendable, Equatable {
        /// 0.1 for +10%.
        case fraction(Double)
        case amount(Double)
    }

    public let metric: ComparedMetric
    public let allowance: Allowance
    /// The rule as the user wrote it.
    public let text: String

    public init(metric: ComparedMetric, allowance: Allowance, text: String) {
        self.metric = metric
        self.allowance = allowance
        self.text = text
    }

    public struct Result: Sendable, Equatable {
        public let rule: BudgetRule
        public let instance: String
        public let comparison: MetricComparison
        public let exceeded: Bool
        /// False when a side lacks the figure.
        public var measured: Bool { comparison.verdict != .notCompared }
    }

    public func evaluate(_ comparison: MetricComparison, instance: String) -> Result {
        var beyond = false
        if comparison.verdict == .increased, let change = comparison.change {
            switch allowance {
            case .fraction(let share): beyond = (comparison.relativeChange ?? .infinity) > share
            case .amount(let amount): beyond = change > amount
            }
        }
        return Result(rule: self, instance: instance, comparison: comparison, exceeded: beyond)
    }
}
