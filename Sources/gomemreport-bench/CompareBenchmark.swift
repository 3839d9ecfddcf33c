import Foundation

/// Times `gomemreport compare` of two query_range answers of 1 day, 1 week and 4 weeks of
/// 10-second samples against `report` of one of them (compare analyses both sides, so
/// about twice a report is the cost to expect) and against Python merely reading both;
/// then two recordings whose latest heap profiles are large (`ProfileGenerator`, two
/// seeds), against `report` diffing the same two profiles and `go tool pprof -top
/// -diff_base` (compare diffs them twice: absolute and normalised).
struct CompareBenchmark {
    var packageRoot: URL
    var repeats = 3
    var days = [1, 7, 28]
    var samples = 200_000
    var functions = 40_000

    func run() throws {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gomemreport").path
        let folder = packageRoot.appendingPathComponent(".build/bench").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        print("Best time and largest peak memory (RSS) of \(repeats) runs; each side a query_range answer of \(QueryRangeWriter.seriesCount) series.")
        print("window   samples  report (one side)     compare (both sides)   compare/report  python3 json.load ×2  python/compare")
        for days in days {
            let count = days * SyntheticMemory.samplesPerDay
            let path = "\(folder)/query_range-\(days)d.json"
            if !FileManager.default.fileExists(atPath: path) { try QueryRangeWriter.write(count: count, to: path) }
            let report = ChildProcess.best([executable, "report", path, "-o", "\(folder)/report-\(days)d.html"], runs: repeats)
            let compare = ChildProcess.best([executable, "compare", path, path, "-o", "\(folder)/compare-\(days)d.html",
                                             "--json", "\(folder)/compare-\(days)d.json"], runs: repeats)
            guard report.status == 0, compare.status == 0 else { throw BenchmarkError("gomemreport failed on \(path)") }
            let python = ChildProcess.best(["python3", "-c", "import json,sys; [json.load(open(p)) for p in sys.argv[1:]]", path, path], runs: repeats)
            func cell(_ m: ChildProcess.Measurement, _ width: Int) -> String {
                let text = String(format: "%.2f s, %d MiB", m.seconds, m.peakKiB / 1024)
                return text + String(repeating: " ", count: max(1, width - text.count))
            }
            let window = SeriesBenchmark.windowName(days)
            print(window + String(repeating: " ", count: max(1, 9 - window.count)) + String(format: "%7d  ", count)
                + cell(report, 22) + cell(compare, 23) + String(format: "%5.2f×          ", compare.seconds / report.seconds)
                + cell(python, 22) + String(format: "%5.1f×", python.seconds / compare.seconds))
        }
        try withProfiles(executable: executable, folder: folder)
    }

    /// Two recording folders of one day each, with a large heap profile apiece.
    private func withProfiles(executable: String, folder: String) throws {
        let generator = ProfileGenerator(packageRoot: packageRoot)
        let current = try generator.profile(samples: samples, functions: functions), base = try generator.profile(samples: samples, functions: functions, seed: 2)
        let answer = "\(folder)/query_range-1d.json"
        var sides: [String] = []
        for (name, profile) in [("base", base), ("candidate", current)] {
            let side = "\(folder)/compare-\(name)"
            for sub in ["prometheus", "pprof"] { try FileManager.default.createDirectory(atPath: "\(side)/\(sub)", withIntermediateDirectories: true) }
            for (from, to) in [(answer, "\(side)/prometheus/query_range.json"), (profile, "\(side)/pprof/heap-20261201T000000000Z.pb.gz")] {
                try? FileManager.default.removeItem(atPath: to)
                try FileManager.default.copyItem(atPath: from, toPath: to)
            }
            sides.append(side)
        }
        print("\nWith heap profiles of \(samples) samples over \(functions) functions on each side (1 day of series), best of \(repeats):")
        let rows: [(String, [String])] = [
            ("gomemreport compare", [executable, "compare", sides[0], sides[1], "-o", "\(folder)/compare-profiles.html"]),
            ("gomemreport report --profile --base", [executable, "report", sides[1], "--profile", current, "--base", base, "-o", "\(folder)/report-profiles.html"]),
            ("go tool pprof -top -diff_base", ["go", "tool", "pprof", "-top", "-diff_base", base, current]),
        ]
        var measured: [ChildProcess.Measurement] = []
        for (name, arguments) in rows {
            let m = ChildProcess.best(arguments, runs: repeats)
            guard m.status == 0 else { throw BenchmarkError("\(name) failed (status \(m.status))") }
            measured.append(m)
            print("  " + name.padding(toLength: 38, withPad: " ", startingAt: 0) + String(format: "%.2f s, %d MiB", m.seconds, m.peakKiB / 1024))
        }
        print(String(format: "  compare / report: %.2f×; go tool pprof / compare: %.2f×", measured[0].seconds / measured[1].seconds, measured[2].seconds / measured[0].seconds))
    }
}
