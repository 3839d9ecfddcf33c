import Foundation

extension GrowthBenchmark {
    /// `report` on query_range answers of 1 day, 1 week and 4 weeks at 10 s (15 series).
    /// Targets: log-log slope of time over points ≤ 1.15; peak RSS a constant plus a
    /// fixed cost per parsed point (a straight line through the three sizes, within 10%),
    /// and the page the same size whatever the window (within 1%): the chart keeps one
    /// column per pixel.
    func series() throws -> String {
        print("\nSeries (query_range JSON, \(QueryRangeWriter.seriesCount) series at 10 s):")
        var rows = ["| window | samples per series | points | input | time (CPU) | peak RSS | page |", "|---|---:|---:|---:|---:|---:|---:|"]
        var points: [Double] = [], times: [Double] = [], peaks: [Double] = [], pages: [Double] = [], inputs: [Double] = []
        var cpu: [Double] = []
        for days in seriesDays {
            let count = days * SyntheticMemory.samplesPerDay
            let path = "\(folder)/query_range-\(days)d.json"
            if !FileManager.default.fileExists(atPath: path) {
                print("writing \(path) (once; later runs reuse it)")
                try QueryRangeWriter.write(count: count, to: path)
            }
            let bytes = Double((try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
            let output = "\(folder)/growth-report-\(days)d.html"
            let sample = try measure("report \(Self.window(days))", [executable, "report", path, "-o", output])
            let page = Double((try FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0)
            let n = Double(count * QueryRangeWriter.seriesCount)
            points.append(n); times.append(sample.medianSeconds); peaks.append(sample.medianPeakKiB * 1024)
            cpu.append(sample.medianCPU)
            pages.append(page); inputs.append(bytes)
            rows.append("| \(Self.window(days)) | \(Self.grouped(count)) | \(Self.grouped(Int(n))) | \(Self.megabytes(bytes)) | "
                + "\(Sample.time(sample.medianSeconds)) (\(Sample.time(sample.medianCPU))) | \(Self.mebibytes(peaks.last!)) | "
                + "\(Int((page / 1000).rounded())) KB |")
        }
        let fit = GrowthFit(sizes: points, values: times)
        let (slope, pairwise) = Self.slopes(fit)
        let (cpuSlope, cpuPairwise) = Self.slopes(GrowthFit(sizes: points, values: cpu))
        let memory = LinearFit(x: points, y: peaks)
        let pageSpread = (pages.max() ?? 0) / max(pages.min() ?? 1, 1) - 1
        let linear = (memory?.largestRelativeResidual ?? .infinity) <= 0.10
        let perPoint = memory.map { String(format: "%.0f bytes", $0.slope) } ?? "–"
        let inputPerPoint = String(format: "%.0f bytes", (inputs.last ?? 0) / max(points.last ?? 1, 1))
        return """
            ### Series

            `gomemreport report` on one query_range answer of \(QueryRangeWriter.seriesCount) series (13 runtime/metrics classes, \
            their total, RSS) sampled every 10 s. A point is one value of one series.

            \(rows.joined(separator: "\n"))

            | measure | figure | target | |
            |---|---|---|---|
            | time over points, log-log slope (least squares) | \(slope) (pairwise \(pairwise)); CPU time \(cpuSlope) \
            (\(cpuPairwise)) | ≤ 1.15 | \(Self.verdict((fit?.slope ?? .infinity) <= 1.15)) |
            | peak RSS = constant + k × points | \(memory.map { Self.mebibytes($0.intercept) } ?? "–") + \(perPoint) × points, \
            largest residual \(memory.map { String(format: "%.1f%%", $0.largestRelativeResidual * 100) } ?? "–") \
            (the input holds \(inputPerPoint) per point) | straight line within 10% | \(Self.verdict(linear)) |
            | page size across windows | \(pages.map { "\(Int(($0 / 1000).rounded())) KB" }.joined(separator: ", ")) \
            (spread \(String(format: "%.1f%%", pageSpread * 100))) | constant within 1% | \(Self.verdict(pageSpread <= 0.01)) |

            """
    }

    static func window(_ days: Int) -> String {
        days == 1 ? "1 day" : days == 7 ? "1 week" : days % 7 == 0 ? "\(days / 7) weeks" : "\(days) days"
    }
}
