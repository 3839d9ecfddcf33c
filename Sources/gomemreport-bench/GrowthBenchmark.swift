import Foundation

/// `gomemreport-bench growth`: how time and peak memory grow with input size, for the
/// three things that get large (profiles, long series, sites of many recordings), each
/// size run several times with the median kept, the growth fitted, and every target of
/// issue 8 judged PASS or FAIL in a Markdown table ready for BENCHMARKS.md.
///
/// Inputs are generated once and cached under `.build/bench`. The load average is
/// printed at the start and the end: timings taken while other work shares the cores
/// are marked as measured under load, so they can be rerun on a quiet machine.
struct GrowthBenchmark {
    enum Part: String, CaseIterable {
        case profiles, series, site
    }

    var packageRoot: URL
    var runs = 5
    var parts = Part.allCases
    /// Small sizes, for trying the command out: the full run takes about 20 minutes.
    var quick = false

    static let functions = 40_000

    var profileSamples: [Int] { quick ? [20_000, 50_000, 100_000] : [50_000, 200_000, 1_000_000] }
    var seriesDays: [Int] { quick ? [1, 2, 7] : [1, 7, 28] }
    var siteRecordings: Int { quick ? 20 : 100 }

    /// The release `gomemreport` beside this executable.
    var executable: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gomemreport").path
    }

    var folder: String { packageRoot.appendingPathComponent(".build/bench").path }

    /// One command measured `runs` times.
    struct Sample {
        var seconds: [Double]
        var peakKiB: [Double]
        var cpuSeconds: [Double]
        var medianSeconds: Double { median(seconds) }
        var medianPeakKiB: Double { median(peakKiB) }
        var medianCPU: Double { median(cpuSeconds) }
        var spread: String { String(format: "%@–%@", Self.time(seconds.min() ?? 0), Self.time(seconds.max() ?? 0)) }
        static func time(_ seconds: Double) -> String {
            seconds < 10 ? String(format: "%.2f s", seconds) : String(format: "%.1f s", seconds)
        }
    }

    func run() throws {
        let machine = MachineDescription.current()
        let started = Date()
        let startLoad = MachineDescription.loadAverage()
        print("gomemreport-bench growth: \(parts.map(\.rawValue).joined(separator: ", ")), median of \(runs) runs\(quick ? " (quick sizes)" : "")")
        print("machine: \(machine.markdown)")
        print("load average at start: \(Self.load(startLoad))")
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw BenchmarkError("no gomemreport beside this executable; run swift build -c release first")
        }
        var sections: [String] = []
        for part in parts {
            switch part {
            case .profiles: sections.append(try profiles())
            case .series: sections.append(try series())
            case .site: sections.append(try site())
            }
        }
        let endLoad = MachineDescription.loadAverage()
        print("load average at end: \(Self.load(endLoad))")
        let loaded = max(startLoad.first ?? 0, endLoad.first ?? 0) > 0.5
        var header = "Measured \(Self.utcNow()) in \(Int(Date().timeIntervalSince(started) / 60)) min on: \(machine.markdown).\n"
        header += "Load average (1, 5, 15 min) at start \(Self.load(startLoad)), at end \(Self.load(endLoad))"
        header += loaded ? ": **measured under load** (other work shared the cores; rerun on a quiet machine).\n" : ".\n"
        header += "Each figure is the median of \(runs) runs; times are wall-clock, peak memory is the kernel's peak RSS "
            + (ChildProcess.measureThroughTime
                ? "of the process, taken by GNU time (/usr/bin/time -f %M).\n"
                : "of the process (wait4); without /usr/bin/time it includes this benchmark's own peak, "
                    + "\(ChildProcess.benchPeakKiB / 1024) MiB, a floor under every figure (apt-get install time).\n")
        let markdown = ([header] + sections).joined(separator: "\n")
        let output = "\(folder)/growth.md"
        try? markdown.write(toFile: output, atomically: true, encoding: .utf8)
        print("\n" + markdown)
        print("(also written to \(output))")
    }

    /// Runs `arguments` `runs` times, printing the medians; throws if it fails.
    func measure(_ label: String, _ arguments: [String], runs: Int? = nil) throws -> Sample {
        var sample = Sample(seconds: [], peakKiB: [], cpuSeconds: [])
        for _ in 0..<(runs ?? self.runs) {
            let m = ChildProcess.measure(arguments)
            guard m.status == 0 else {
                throw BenchmarkError("\(label) failed (wait status \(m.status)): \(arguments.joined(separator: " "))")
            }
            sample.seconds.append(m.seconds)
            sample.peakKiB.append(Double(m.peakKiB))
            sample.cpuSeconds.append(m.cpuSeconds)
        }
        print("  \(label): \(Sample.time(sample.medianSeconds)) (\(sample.spread)), CPU \(Sample.time(sample.medianCPU)), "
            + "peak \(Self.mebibytes(sample.medianPeakKiB * 1024))")
        return sample
    }

    static func load(_ values: [Double]) -> String {
        values.map { String(format: "%.2f", $0) }.joined(separator: " ")
    }

    static func mebibytes(_ bytes: Double) -> String {
        bytes >= 10 * 1_048_576 ? "\(Int((bytes / 1_048_576).rounded())) MiB" : String(format: "%.1f MiB", bytes / 1_048_576)
    }

    static func megabytes(_ bytes: Double) -> String {
        bytes >= 10e6 ? "\(Int((bytes / 1e6).rounded())) MB" : String(format: "%.1f MB", bytes / 1e6)
    }

    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        return String(digits.enumerated().flatMap { index, digit in
            index > 0 && (digits.count - index) % 3 == 0 ? [",", digit] : [digit]
        })
    }

    static func verdict(_ pass: Bool) -> String { pass ? "**PASS**" : "**FAIL**" }

    static func slopes(_ fit: GrowthFit?) -> (all: String, pairwise: String) {
        guard let fit else { return ("–", "–") }
        return (String(format: "%.2f", fit.slope), fit.pairwise.map { String(format: "%.2f", $0) }.joined(separator: ", "))
    }

    private static func utcNow() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime]
        return formatter.string(from: Date()) + " UTC"
    }
}
