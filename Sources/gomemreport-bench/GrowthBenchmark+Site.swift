import Foundation

extension GrowthBenchmark {
    /// `site` over 100 recordings (the 13 real recordings in Tests/Fixtures, repeated
    /// under distinct names and instance labels) with `--jobs 1` and `--jobs 2`, the runs
    /// alternating so that a burst of outside load falls on both. Target: `--jobs 2` at
    /// least 1.7× faster on 2 cores.
    func site() throws -> String {
        let recordings = try siteInputs(count: siteRecordings)
        print("\nSite (\(recordings.count) recordings):")
        let outputs = (1...2).map { "\(folder)/growth-site-jobs\($0)" }
        func arguments(_ jobs: Int) -> [String] {
            [executable, "site"] + recordings + ["-o", outputs[jobs - 1], "--jobs", "\(jobs)"]
        }
        // One run first, unmeasured: the recordings' files into the page cache.
        _ = try measure("site --jobs 2 (warm-up, not counted)", arguments(2), runs: 1)
        // The control: two separate processes, each `--jobs 1` on half the recordings, at
        // once. They share nothing, so their speed-up over one `--jobs 1` run is what the
        // machine gives two cores' worth of this work right now (less when other work
        // holds a core); `--jobs 2` can at best match it.
        let half = recordings.count / 2
        let halves = [Array(recordings[..<half]), Array(recordings[half...])].enumerated().map { index, part in
            [executable, "site"] + part + ["-o", "\(folder)/growth-site-half\(index + 1)", "--jobs", "1"]
        }
        var one = Sample(seconds: [], peakKiB: [], cpuSeconds: []), two = one
        var control: [Double] = []
        for _ in 0..<runs {
            let a = try measure("site --jobs 1", arguments(1), runs: 1), b = try measure("site --jobs 2", arguments(2), runs: 1)
            one.seconds += a.seconds; one.peakKiB += a.peakKiB; one.cpuSeconds += a.cpuSeconds
            two.seconds += b.seconds; two.peakKiB += b.peakKiB; two.cpuSeconds += b.cpuSeconds
            let together = ChildProcess.measureTogether(halves)
            guard together.succeeded else { throw BenchmarkError("site on half the recordings failed") }
            control.append(together.seconds)
            print("  two processes, --jobs 1 on half each, at once: \(Sample.time(together.seconds))")
        }
        let speedUp = one.medianSeconds / two.medianSeconds
        let attainable = one.medianSeconds / median(control)
        print(String(format: "  speed-up: %.2f× (two separate processes: %.2f×)", speedUp, attainable))
        func cell(_ s: Sample) -> String {
            "\(Sample.time(s.medianSeconds)) (\(s.spread)), CPU \(Sample.time(s.medianCPU)), \(Self.mebibytes(s.medianPeakKiB * 1024))"
        }
        return """
            ### Site

            `gomemreport site` over \(recordings.count) recordings: the 13 real recordings of Tests/Fixtures (recordings and \
            recordings-extra) repeated under distinct folder names, each query_range answer with its own instance label. \
            Cells: median wall time (range of the \(runs) runs), median CPU time (user + system), peak RSS.

            | recordings | `--jobs 1` | `--jobs 2` | speed-up | ≥ 1.7× | control: two processes on half each |
            |---:|---|---|---:|---|---|
            | \(recordings.count) | \(cell(one)) | \(cell(two)) | \(String(format: "%.2f×", speedUp)) | \(Self.verdict(speedUp >= 1.7)) | \
            \(Sample.time(median(control))), \(String(format: "%.2f×", attainable)) |

            The control runs two independent `site --jobs 1` processes at once, each on half the recordings: the speed-up \
            the machine itself gives this work at the time of the run. `--jobs 2` close to it means the site's own \
            parallel work is not the limit; both far below 2× means another process held a core.

            """
    }

    /// `count` recording folders under .build/bench/site-<count>, made once: hard links to
    /// the fixture files (no copies), except each query_range answer, rewritten with an
    /// instance label of its own so that every recording is a distinct instance.
    func siteInputs(count: Int) throws -> [String] {
        let root = "\(folder)/site-\(count)"
        let fixtures = packageRoot.appendingPathComponent("Tests/Fixtures")
        var sources: [URL] = []
        for set in ["recordings", "recordings-extra"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent(set).path).sorted()
            for name in names {
                let url = fixtures.appendingPathComponent(set).appendingPathComponent(name)
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue { sources.append(url) }
            }
        }
        guard !sources.isEmpty else { throw BenchmarkError("no recordings in \(fixtures.path)") }
        let paths = (0..<count).map { i in "\(root)/r\(String(format: "%03d", i))-\(sources[i % sources.count].lastPathComponent)" }
        if FileManager.default.fileExists(atPath: root + ".complete") { return paths }
        print("linking \(count) recordings into \(root) (once; later runs reuse them)")
        try? FileManager.default.removeItem(atPath: root)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for (i, path) in paths.enumerated() {
            let source = sources[i % sources.count].path
            try Self.command(["cp", "-al", source, path])
            let answers = URL(fileURLWithPath: path).appendingPathComponent("prometheus")
            for name in (try? FileManager.default.contentsOfDirectory(atPath: answers.path)) ?? [] where name.hasSuffix(".json") {
                // sed -i writes a new file and renames it over the link: the fixture stays
                // as it is, and this process never holds the answer (see ChildProcess).
                try Self.command(["sed", "-i", "s/\"instance\":\"[^\"]*\"/\"instance\":\"10.0.\(i / 200).\(i % 200 + 1):8080\"/g",
                                  answers.appendingPathComponent(name).path])
            }
        }
        try "\(count)".write(toFile: root + ".complete", atomically: true, encoding: .utf8)
        return paths
    }

    private static func command(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchmarkError("failed: \(arguments.joined(separator: " "))") }
    }
}
