// gomemreport-bench: measurements, not tests. Run it from the package root:
//   swift run -c release gomemreport-bench profiles [--samples N] [--functions N]
//   swift run -c release gomemreport-bench series
import Foundation

var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "series" {
    do {
        try SeriesBenchmark(packageRoot: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).run()
        exit(0)
    } catch {
        print("gomemreport-bench: \(error)")
        exit(1)
    }
}
guard arguments.first == "profiles" else {
    print("usage: gomemreport-bench profiles [--samples N] [--functions N] [--repeats N]\n       gomemreport-bench series")
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
