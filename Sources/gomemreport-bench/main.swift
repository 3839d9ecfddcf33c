// gomemreport-bench: measurements, not tests. Run it from the package root:
//   swift run -c release gomemreport-bench profiles [--samples N] [--functions N] [--repeats N]
//   swift run -c release gomemreport-bench series [--repeats N] [--formats query_range,scrapes,expvar] [--days 1,7,28]
//   swift run -c release gomemreport-bench growth [--runs 5] [--only profiles|series|site[,…]] [--quick]
import Foundation

let usage = """
    usage: gomemreport-bench profiles [--samples N] [--functions N] [--repeats N]
           gomemreport-bench series [--repeats N] [--formats query_range,scrapes,expvar] [--days 1,7,28]
           gomemreport-bench growth [--runs 5] [--only profiles|series|site[,…]] [--quick]
    """
// Lines appear as they are measured, also when the output goes to a file.
setvbuf(stdout, nil, _IOLBF, 0)
var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "growth" {
    var growth = GrowthBenchmark(packageRoot: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    var index = 1
    while index < arguments.count {
        switch arguments[index] {
        case "--quick": growth.quick = true; index += 1; continue
        case "--runs" where index + 1 < arguments.count:
            guard let runs = Int(arguments[index + 1]), runs >= 1 else { print(usage); exit(2) }
            growth.runs = runs
        case "--only" where index + 1 < arguments.count:
            let parts = arguments[index + 1].split(separator: ",").map { GrowthBenchmark.Part(rawValue: String($0)) }
            guard !parts.isEmpty, !parts.contains(where: { $0 == nil }) else { print(usage); exit(2) }
            growth.parts = parts.compactMap { $0 }
        default: print(usage); exit(2)
        }
        index += 2
    }
    do {
        try growth.run()
        exit(0)
    } catch {
        print("gomemreport-bench: \(error)")
        exit(1)
    }
}
if arguments.first == "series" {
    var benchmark = SeriesBenchmark(packageRoot: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    var index = 1
    while index + 1 < arguments.count {
        let value = arguments[index + 1]
        switch arguments[index] {
        case "--repeats": benchmark.repeats = max(Int(value) ?? 1, 1)
        case "--formats":
            benchmark.formats = value.split(separator: ",").compactMap { SeriesBenchmark.Format(rawValue: String($0)) }
        case "--days": benchmark.days = value.split(separator: ",").compactMap { Int($0) }.filter { $0 > 0 }
        default: print(usage); exit(2)
        }
        index += 2
    }
    guard index == arguments.count, !benchmark.formats.isEmpty, !benchmark.days.isEmpty else { print(usage); exit(2) }
    do {
        try benchmark.run()
        exit(0)
    } catch {
        print("gomemreport-bench: \(error)")
        exit(1)
    }
}
guard arguments.first == "profiles" else {
    print(usage)
    exit(2)
}
var benchmark = ProfileBenchmark(packageRoot: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
var index = 1
while index + 1 < arguments.count {
    let value = Int(arguments[index + 1]) ?? 0
    switch arguments[index] {
    case "--samples": benchmark.samples = value
    case "--functions": benchmark.functions = value
    case "--repeats": benchmark.repeats = max(value, 1)
    default: print("unknown option \(arguments[index])"); exit(2)
    }
    index += 2
}
do {
    try benchmark.run()
} catch {
    print("gomemreport-bench: \(error)")
    exit(1)
}
