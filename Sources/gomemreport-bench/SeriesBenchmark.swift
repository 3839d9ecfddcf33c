import Foundation

/// Times `gomemreport report` on query_range answers of 1 day, 1 week and 4 weeks of
/// 10-second samples against Python merely parsing the same JSON, with peak memory.
struct SeriesBenchmark {
    var packageRoot: URL
    var repeats = 3

    func run() throws {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gomemreport").path
        let folder = packageRoot.appendingPathComponent(".build/bench")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        print("window   points/series  JSON      gomemreport report        python3 json.load         ratio")
        for (label, days) in [("1 day", 1), ("1 week", 7), ("4 weeks", 28)] {
            let path = folder.appendingPathComponent("query_range-\(days)d.json").path
            if !FileManager.default.fileExists(atPath: path) { try write(days: days, to: path) }
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            let output = folder.appendingPathComponent("report-\(days)d.html").path
            func best(_ arguments: [String]) -> ChildProcess.Measurement {
                var result = ChildProcess.Measurement(seconds: .infinity, peakKiB: 0, status: 0)
                for _ in 0..<repeats {
                    let m = ChildProcess.measure(arguments)
                    result = .init(seconds: min(result.seconds, m.seconds), peakKiB: max(result.peakKiB, m.peakKiB), status: m.status)
                }
                return result
            }
            let ours = best([executable, "report", path, "-o", output])
            let python = best(["python3", "-c", "import json,sys; json.load(open(sys.argv[1]))", path])
            let html = (try FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
            print(String(format: "%-8@ %13d  %5.0f MB  %6.2f s, %4d MiB peak  %6.2f s, %4d MiB peak  %5.1f× faster  (HTML %d KB)",
                         label as NSString, days * 8640, Double(size) / 1e6, ours.seconds, ours.peakKiB / 1024,
                         python.seconds, python.peakKiB / 1024, python.seconds / ours.seconds, html / 1000))
        }
    }

    /// 15 runtime/metrics classes and RSS for one instance, every 10 s, with a slow
    /// leak and GC sawtooth so the chart has something to draw.
    private func write(days: Int, to path: String) throws {
        let count = days * 8640
        let start = 1_795_851_163.588
        let classes = ["heap_objects", "heap_free", "heap_unused", "heap_stacks", "os_stacks", "metadata_other",
                       "metadata_mspan_inuse", "metadata_mspan_free", "metadata_mcache_inuse", "metadata_mcache_free",
                       "other", "profiling_buckets", "heap_released"]
        var values: [[Int64]] = classes.enumerated().map { k, _ in
            (0..<count).map { i in Int64(1_000_000 * (k + 1)) + Int64(i % (60 + k)) * 4096 + Int64(i) * Int64(k == 0 ? 40 : 1) }
        }
        let total = (0..<count).map { i in values.reduce(Int64(0)) { $0 + $1[i] } }
        values.append(total)
        var names = classes + ["total"]
        names = names.map { "go_memory_classes_\($0)_bytes" }
        let rss = (0..<count).map { i in total[i] - values[12][i] + 6_000_000 }
        names.append("process_resident_memory_bytes")
        values.append(rss)
        guard let handle = FileHandle(forWritingAtPath: path) ?? {
            FileManager.default.createFile(atPath: path, contents: nil)
            return FileHandle(forWritingAtPath: path)
        }() else { throw BenchmarkError("cannot write \(path)") }
        defer { try? handle.close() }
        handle.write(Data(#"{"status":"success","data":{"resultType":"matrix","result":["#.utf8))
        for (n, name) in names.enumerated() {
            var chunk = (n == 0 ? "" : ",") + #"{"metric":{"__name__":"\#(name)","job":"bench","instance":"127.0.0.1:9090"},"values":["#
            for i in 0..<count {
                chunk += (i == 0 ? "" : ",") + "[\(String(format: "%.3f", start + Double(i) * 10)),\"\(values[n][i])\"]"
                if chunk.utf8.count > 1 << 20 {
                    handle.write(Data(chunk.utf8))
                    chunk = ""
                }
            }
            chunk += "]}"
            handle.write(Data(chunk.utf8))
        }
        handle.write(Data("]}}".utf8))
    }
}
