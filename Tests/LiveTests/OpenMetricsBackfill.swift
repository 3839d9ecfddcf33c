import Foundation
import MemoryModel

/// Writes series as OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`:
/// one family after another (`# TYPE`), samples with timestamps in seconds, `# EOF`.
///
/// `name_total` becomes a counter of family `name`, unless a gauge is called `name`;
/// everything else is a gauge.
enum OpenMetricsBackfill {
    static func text(_ series: [MetricSeries], labels extra: [String: String]) -> String {
        let names = Set(series.map(\.name))
        var families: [String: (type: String, members: [MetricSeries])] = [:]
        for one in series {
            let stem = String(one.name.dropLast("_total".count))
            let isCounter = one.name.hasSuffix("_total") && !names.contains(stem)
            let family = isCounter ? stem : one.name
            families[family, default: (isCounter ? "counter" : "gauge", [])].members.append(one)
        }
        var out = ""
        for family in families.keys.sorted() {
            let (type, members) = families[family]!
            out += "# TYPE \(family) \(type)\n"
            let labelled = members.map { member in
                (member, labelText(member.labels.merging(extra) { $1 }))
            }.sorted { ($0.0.name, $0.1) < ($1.0.name, $1.1) }
            for (member, labels) in labelled {
                for (time, value) in zip(member.timestamps, member.values) {
                    out += "\(member.name)\(labels) \(number(value)) \(String(format: "%.3f", time))\n"
                }
            }
        }
        return out + "# EOF\n"
    }

    private static func labelText(_ labels: [String: String]) -> String {
        let pairs = labels.keys.sorted().map { key -> String in
            let value = labels[key]!.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
            return "\(key)=\"\(value)\""
        }
        return "{" + pairs.joined(separator: ",") + "}"
    }

    private static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }
}
