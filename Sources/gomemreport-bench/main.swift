// gomemreport-bench: measurements, not tests. Run it from the package root:
//   swift run -c release gomemreport-bench profiles [--samples N] [--functions N] [--repeats N]
//   swift run -c release gomemreport-bench series [--repeats N] [--formats query_range,scrapes,expvar] [--days 1,7,28]
//   swift run -c release gomemreport-bench compare [--repeats N] [--days 1,7,28]
//   swift run -c release gomemreport-bench growth [--runs 5] [--only profiles|series|site[,…]] [--quick]
import Foundation

let usage = """
    usage: gomemreport-bench profiles [--samples N] [--functions N] [--repeats N]
           gomemreport-bench series [--repeats N] [--formats query_range,scrapes,expvar] [--days 1,7,28]
           gomemreport-bench compare [--repeats N] [--days 1,7,28]
           gomemreport-bench growth [--runs 5] [--only profiles|series|site[,…]] [--quick]
    """
// Lines appear as they are measured, also when the output goes to a file.
setvbuf(stdout, nil, _IOLBF, 0)

func usageError() -> Never {
    print(usage)
    exit(2)
}

/// `--name value` pairs after the benchmark's name (and `--quick`, whose value is "").
func options(_ arguments: ArraySlice<String>, flags: Set<String> = []) -> [(name: String, value: String)] {
    var result: [(String, String)] = []
    var rest = arguments
    while let name = rest.popFirst() {
        guard name.hasPrefix("--") else { usageError() }
        if flags.contains(name) { result.append((name, "")); continue }
        guard let value = rest.popFirst() else { usageError() }
        result.append((name, value))
    }
    return result
}

func days(_ value: String) -> [Int] {
    let days = value.split(separator: ",").compactMap { Int($0) }.filter { $0 > 0 }
    if days.isEmpty { usageError() }
    return days
}

func measure(_ body: () throws -> Void) -> Never {
    do {
        try body()
        exit(0)
    } catch {
        print("gomemreport-bench: \(error)")
        exit(1)
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
switch arguments.first {
case "growth":
    var growth = GrowthBenchmark(packageRoot: root)
    for (name, value) in options(arguments.dropFirst(), flags: ["--quick"]) {
        switch name {
        case "--quick": growth.quick = true
        case "--runs":
            guard let runs = Int(value), runs >= 1 else { usageError() }
            growth.runs = runs
        case "--only":
            let parts = value.split(separator: ",").map { GrowthBenchmark.Part(rawValue: String($0)) }
            guard !parts.isEmpty, !parts.contains(where: { $0 == nil }) else { usageError() }
            growth.parts = parts.compactMap { $0 }
        default: usageError()
        }
    }
    measure { try growth.run() }
case "series":
    var benchmark = SeriesBenchmark(packageRoot: root)
    for (name, value) in options(arguments.dropFirst()) {
        switch name {
        case "--repeats": benchmark.repeats = max(Int(value) ?? 1, 1)
        case "--formats":
            benchmark.formats = value.split(separator: ",").compactMap { SeriesBenchmark.Format(rawValue: String($0)) }
            if benchmark.formats.isEmpty { usageError() }
        case "--days": benchmark.days = days(value)
        default: usageError()
        }
    }
    measure { try benchmark.run() }
case "compare":
    var benchmark = CompareBenchmark(packageRoot: root)
    for (name, value) in options(arguments.dropFirst()) {
        switch name {
        case "--repeats": benchmark.repeats = max(Int(value) ?? 1, 1)
        case "--days": benchmark.days = days(value)
        default: usageError()
        }
    }
    measure { try benchmark.run() }
case "profiles":
    var benchmark = ProfileBenchmark(packageRoot: root)
    for (name, value) in options(arguments.dropFirst()) {
        let number = Int(value) ?? 0
        switch name {
        case "--samples": benchmark.samples = number
        case "--functions": benchmark.functions = number
        case "--repeats": benchmark.repeats = max(number, 1)
        default: usageError()
        }
    }
    measure { try benchmark.run() }
default:
    usageError()
}
