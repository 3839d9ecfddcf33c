import Analysis
import ArgumentParser

/// `--budget 'go_memory:+10%,rss:+64MiB,goroutines:+20%'`: how much each figure may grow
/// from base to candidate, as a share or an amount in its unit (sizes for bytes, plain
/// numbers for goroutines and GC cycles per minute, percentage points for GC CPU).
///
/// Parsed by `transform:` rather than `ExpressibleByArgument`, so that a bad rule's own
/// message (which rule, what a limit looks like) reaches the user.
struct BudgetArgument: Sendable {
    let rules: [BudgetRule]

    init(parsing argument: String) throws {
        rules = try Self.parse(argument)
    }

    static func parse(_ text: String) throws -> [BudgetRule] {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !parts.isEmpty else { throw ValidationError("--budget: no rule in '\(text)'") }
        return try parts.map { part in
            let pieces = part.split(separator: ":", maxSplits: 1).map(String.init)
            guard pieces.count == 2, let metric = ComparedMetric(rawValue: pieces[0]) else {
                throw ValidationError("--budget: '\(part)' is not METRIC:+LIMIT; metrics: \(ComparedMetric.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            var limit = Substring(pieces[1])
            if limit.first == "+" { limit = limit.dropFirst() }
            if limit.hasSuffix("%"), let percent = Double(limit.dropLast()), percent >= 0, percent.isFinite {
                return BudgetRule(metric: metric, allowance: .fraction(percent / 100), text: part)
            }
            if metric.unit == .share {
                // A share grows by percentage points (gc_cpu:+2pp); "+N%" stays relative, as for every figure.
                guard limit.hasSuffix("pp"), let points = Double(limit.dropLast(2)), points >= 0, points.isFinite else {
                    throw ValidationError("--budget: '\(part)': the limit is a percentage (+20%) or percentage points (+2pp)")
                }
                return BudgetRule(metric: metric, allowance: .amount(points / 100), text: part)
            }
            if metric.unit == .bytes {
                return BudgetRule(metric: metric, allowance: .amount(Double(try ByteCountArgument.bytes(String(limit), option: "--budget"))), text: part)
            }
            guard let amount = Double(limit), amount >= 0, amount.isFinite else {
                throw ValidationError("--budget: '\(part)': the limit is a percentage (+20%) or a number")
            }
            return BudgetRule(metric: metric, allowance: .amount(amount), text: part)
        }
    }
}
