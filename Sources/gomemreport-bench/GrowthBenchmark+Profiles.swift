import Foundation

extension GrowthBenchmark {
    /// Heap profiles of 50k, 200k and 1M samples over 40,000 functions: `top` and the
    /// `profile` page of one profile, and both with `--base` (a diff of two profiles of
    /// the same size, different seeds). Input size is the uncompressed profile.proto (both
    /// files' for a diff). Targets: log-log slope of time ≤ 1.15; peak RSS ≤ 3× input.
    func profiles() throws -> String {
        let generator = ProfileGenerator(packageRoot: packageRoot)
        struct Input { var samples: Int; var current: String; var base: String; var bytes: Int; var baseBytes: Int }
        var inputs: [Input] = []
        for samples in profileSamples {
            let current = try generator.profile(samples: samples, functions: Self.functions)
            let base = try generator.profile(samples: samples, functions: Self.functions, seed: 2)
            inputs.append(Input(samples: samples, current: current, base: base,
                                bytes: try ProfileGenerator.uncompressedSize(ofGzip: current),
                                baseBytes: try ProfileGenerator.uncompressedSize(ofGzip: base)))
        }
        let page = "\(folder)/growth-profile.html"
        let commands: [(name: String, diff: Bool, arguments: (Input) -> [String])] = [
            ("top", false, { [executable, "top", $0.current] }),
            ("profile", false, { [executable, "profile", $0.current, "-o", page] }),
            ("top --base", true, { [executable, "top", $0.current, "--base", $0.base] }),
            ("profile --base", true, { [executable, "profile", $0.current, "--base", $0.base, "-o", page] }),
        ]
        print("\nProfiles (\(Self.grouped(Self.functions)) functions; input = uncompressed profile.proto):")
        var rows = ["| command | samples | input | time (CPU) | peak RSS | RSS ÷ input |", "|---|---:|---:|---:|---:|---:|"]
        var fits = ["| command | time over samples: slope (pairwise) | CPU time over samples | time over input bytes | ≤ 1.15 | "
                        + "RSS ÷ input at \(Self.grouped(profileSamples.last!)) | ΔRSS ÷ Δinput | ≤ 3× |",
                    "|---|---:|---:|---:|---|---:|---:|---|"]
        for command in commands {
            var sizes: [Double] = [], times: [Double] = [], peaks: [Double] = [], cpu: [Double] = []
            for input in inputs {
                let bytes = Double(input.bytes + (command.diff ? input.baseBytes : 0))
                let sample = try measure("\(command.name) \(Self.grouped(input.samples))", command.arguments(input))
                sizes.append(bytes)
                times.append(sample.medianSeconds)
                cpu.append(sample.medianCPU)
                peaks.append(sample.medianPeakKiB * 1024)
                rows.append("| `\(command.name)` | \(Self.grouped(input.samples)) | \(Self.megabytes(bytes))\(command.diff ? " (two)" : "") | "
                    + "\(Sample.time(sample.medianSeconds)) (\(Sample.time(sample.medianCPU))) | \(Self.mebibytes(peaks.last!)) | "
                    + "\(String(format: "%.1f×", peaks.last! / bytes)) |")
            }
            // Slopes over samples, the size the work follows: the 40,000 functions' names
            // are a fixed part of every file (about 4 MB), so over bytes a linear cost
            // shows a slope above 1 (50k → 200k samples is ×4 samples but ×2.1 bytes).
            let samples = inputs.map { Double($0.samples) }
            let fit = GrowthFit(sizes: samples, values: times)
            let (slope, pairwise) = Self.slopes(fit)
            let (cpuSlope, cpuPairwise) = Self.slopes(GrowthFit(sizes: samples, values: cpu))
            let (bytesSlope, _) = Self.slopes(GrowthFit(sizes: sizes, values: times))
            let largestRatio = peaks.last! / sizes.last!
            // The growth of memory with input, without the fixed start-up (~27 MiB).
            let marginal = (peaks.last! - peaks.first!) / (sizes.last! - sizes.first!)
            fits.append("| `\(command.name)` | \(slope) (\(pairwise)) | \(cpuSlope) (\(cpuPairwise)) | \(bytesSlope) | "
                + "\(Self.verdict((fit?.slope ?? .infinity) <= 1.15)) | "
                + "\(String(format: "%.1f×", largestRatio)) | \(String(format: "%.1f×", marginal)) | \(Self.verdict(largestRatio <= 3)) |")
        }
        return """
            ### Profiles

            Heap profiles written by `Benchmarks/profilegen` (google/pprof's encoder): \(Self.grouped(Self.functions)) functions, \
            stacks of 4–32 frames through a shared call graph; `--base` is a second profile of the same size (another seed). \
            Input is the uncompressed profile.proto (both files for `--base`).

            \(rows.joined(separator: "\n"))

            Growth across \(profileSamples.map(Self.grouped).joined(separator: " → ")) samples: least-squares log-log slopes \
            of the median wall time and CPU time (user + system, steadier when other work shares the cores) over the number \
            of samples, the size the work follows, and of wall time over input bytes (which include a fixed ~4 MB of \
            function names, so a linear cost shows a steeper slope there). The RSS target is judged at the largest size, \
            where the fixed start-up memory (about 27 MiB) weighs least; ΔRSS ÷ Δinput is the memory each further byte \
            of input costs.

            \(fits.joined(separator: "\n"))

            """
    }
}
