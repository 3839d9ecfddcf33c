import Analysis
import ArgumentParser

/// `--fail-on`: which findings make the run exit with 3 (after the report is written),
/// for CI. Either finding ids (`heap-leak,goroutine-leak`) or a severity, meaning that
/// severity or worse (`warning` matches warnings and criticals).
struct FailOnRule: ExpressibleByArgument, Sendable {
    let ids: Set<Finding.Kind>
    let severity: Finding.Severity?

    init?(argument: String) {
        let words = argument.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !words.isEmpty else { return nil }
        if words.count == 1, let severity = Finding.Severity(rawValue: words[0]) {
            self.severity = severity
            self.ids = []
            return
        }
        var kinds: Set<Finding.Kind> = []
        for word in words {
            guard let kind = Finding.Kind(rawValue: word) else { return nil }
            kinds.insert(kind)
        }
        self.ids = kinds
        self.severity = nil
    }

    static var allValueStrings: [String] {
        Finding.Severity.allCases.map(\.rawValue) + Finding.Kind.allCases.map(\.rawValue)
    }

    func matches(_ finding: Finding) -> Bool {
        if let severity { return finding.severity <= severity }
        return ids.contains(finding.kind)
    }
}
