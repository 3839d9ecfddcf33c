import Analysis
import Foundation
import Ingest
import MemoryModel
import Render

/// Times gomemreport's profile path against `go tool pprof -top` and `gzip -dc` on the
/// same large profile, in one run, and prints the ratios the README quotes.
struct ProfileBenchmark {
    var samples = 200_000
    var functions = 40_000
    var repeats = 3
    var packageRoot: URL

    func run() throws {
        let profilePath = try generatedProfile()
        let size = (try FileManager.default.attributesOfItem(atPath: profilePath)[.size] as? Int) ?? 0
        print("profile: \(profilePath) (\(size / 1024) KiB gzipped; \(samples) samples, \(functions) functions)")

        // Whole commands, as users run them, each measured by the kernel. They run first,
        // while this process is small: a spawned child starts out sharing its memory.
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gomemreport").path
        let page = FileManager.default.temporaryDirectory.appendingPathComponent("gomemreport-bench-page.html").path
        let commands: [(String, [String])] = [
            ("gomemreport top", [executable, "top", profilePath]),
            ("gomemreport profile", [executable, "profile", profilePath, "-o", page]),
            ("go tool pprof -top", ["go", "tool", "pprof", "-top", profilePath]),
            ("gzip -dc (the floor)", ["gzip", "-dc", profilePath]),
        ]
        var results: [String: ChildProcess.Measurement] = [:]
        print("\nCommands (best time and largest peak memory of \(repeats) runs):")
        for (name, arguments) in commands {
            var fastest = Double.infinity, peak = 0, status: Int32 = 0
            for _ in 0..<repeats {
                let m = ChildProcess.measure(arguments)
                fastest = min(fastest, m.seconds)
                peak = max(peak, m.peakKiB)
                status = m.status
            }
            results[name] = ChildProcess.Measurement(seconds: fastest, peakKiB: peak, status: status)
            print("  \(name.padding(toLength: 22, withPad: " ", startingAt: 0)) \(format(fastest))  peak \(peak / 1024) MiB\(status == 0 ? "" : "  (exit status \(status))")")
        }
        // In-process phases, best of `repeats`.
        var phases: [(String, Double)] = []
        func best(_ name: String, _ body: () throws -> Void) rethrows {
            var fastest = Double.infinity
            for _ in 0..<repeats {
                let start = Date()
                try body()
                fastest = min(fastest, Date().timeIntervalSince(start))
            }
            phases.append((name, fastest))
        }
        var bytes: [UInt8] = []
        var profile: Profile?
        try best("read file") { bytes = try InputFile.bytes(profilePath) }
        var plain: [UInt8] = []
        try best("gunzip (zlib)") { plain = try ProfileReader.decompressed(bytes, file: profilePath) }
        try best("decode profile.proto (\(plain.count / 1024) KiB)") { profile = try ProfileReader.decode(plain, file: profilePath) }
        guard let profile else { return }
        let index = profile.defaultSampleTypeIndex
        var top: ProfileTop?
        best("top table (all rows)") { top = ProfileTop.compute(profile: profile, sampleIndex: index) }
        best("top text") { _ = ProfileTopText.render(top!) }
        var tree: CallTree?
        best("call tree (full)") { tree = CallTree(profile: profile, sampleType: index) }
        best("call tree (pruned for the flame graph)") { tree = CallTree(profile: profile, sampleType: index, pruneFraction: FlameGraph.pruneFraction) }
        var svg = ""
        best("flame graph SVG") { svg = FlameGraph(tree: tree!, title: "bench").svg() }
        let svgKiB = svg.utf8.count / 1024
        print("\nIn process (best of \(repeats)):")
        for (name, seconds) in phases { print("  \(name.padding(toLength: 40, withPad: " ", startingAt: 0)) \(format(seconds))") }
        print("  flame graph SVG size: \(svgKiB) KiB")
        let timed = Dictionary(phases.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        let readTopFlame = ["read file", "gunzip (zlib)", "top table (all rows)", "call tree (pruned for the flame graph)", "flame graph SVG"]
            .compactMap { timed[$0] }.reduce(0, +) + (phases.first { $0.0.hasPrefix("decode") }?.1 ?? 0)
        if let gzip = results["gzip -dc (the floor)"] {
            print(String(format: "  read + top table + flame graph: %.1f ms, %.1f× gzip -dc", readTopFlame * 1000, readTopFlame / gzip.seconds))
        }

        if let ours = results["gomemreport top"], let pprof = results["go tool pprof -top"], let gzip = results["gzip -dc (the floor)"] {
            print("\nRatios:")
            print(String(format: "  go tool pprof -top / gomemreport top: %.1f× faster", pprof.seconds / ours.seconds))
            print(String(format: "  gomemreport top / gzip -dc:          %.1f× the floor", ours.seconds / gzip.seconds))
            print(String(format: "  peak memory, gomemreport top / pprof: %.2f", Double(ours.peakKiB) / Double(max(pprof.peakKiB, 1))))
            if let page = results["gomemreport profile"] {
                print(String(format: "  go tool pprof -top / gomemreport profile (top, lines, flame graph, HTML): %.1f× faster", pprof.seconds / page.seconds))
                print(String(format: "  gomemreport profile / gzip -dc:      %.1f× the floor", page.seconds / gzip.seconds))
                print(String(format: "  peak memory, gomemreport profile / pprof: %.2f", Double(page.peakKiB) / Double(max(pprof.peakKiB, 1))))
            }
        }
    }

    /// The benchmark profile, written once by Benchmarks/profilegen and cached.
    private func generatedProfile() throws -> String {
        try ProfileGenerator(packageRoot: packageRoot).profile(samples: samples, functions: functions)
    }

    private func format(_ seconds: Double) -> String {
        seconds < 1 ? String(format: "%7.1f ms", seconds * 1000) : String(format: "%7.2f s ", seconds)
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
