import Foundation

/// Times `gomemreport report` on 1 day, 1 week and 4 weeks of 10-second samples in the
/// three formats a recording holds memory in (a query_range answer, a folder of
/// `/metrics` scrapes, a folder of `/debug/vars` bodies), each against Python merely
/// reading the same input, with peak memory, and says how time grows with the window.
struct SeriesBenchmark {
    var packageRoot: URL
    /// Runs per command; by default 5 for the query_range file, 3 for the folders, whose
    /// Python reference takes a minute at four weeks.
    var repeats: Int?
    var formats = Format.allCases
    var days = [1, 7, 28]

    enum Format: String, CaseIterable {
        case queryRange = "query_range"
        case scrapes
        case expvar

        var title: String {
            switch self {
            case .queryRange: return "query_range JSON, one file (\(QueryRangeWriter.seriesCount) series)"
            case .scrapes: return "/metrics scrapes, one .prom file per sample"
            case .expvar: return "/debug/vars bodies, one .json file per sample"
            }
        }

        /// What Python does with the same input: the least a script must do to read it.
        var python: (what: String, script: String) {
            switch self {
            case .queryRange:
                return ("json.load of the file", "import json,sys; json.load(open(sys.argv[1]))")
            case .scrapes:
                return ("each file opened, every sample line split at its last space and float() of the value; no labels parsed",
                        """
                        import os,sys
                        d=sys.argv[1]
                        for n in sorted(os.listdir(d)):
                            if n.endswith('.prom'):
                                with open(os.path.join(d,n)) as f:
                                    for line in f:
                                        if line[0]!='#' and line.strip(): float(line.rsplit(' ',1)[1])
                        """)
            case .expvar:
                return ("json.load of each file",
                        """
                        import json,os,sys
                        d=sys.argv[1]
                        for n in sorted(os.listdir(d)):
                            if n.endswith('.json'):
                                with open(os.path.join(d,n)) as f: json.load(f)
                        """)
            }
        }
    }

    /// One input: how to pass it to `report`, how many files and bytes, and how many
    /// sample values it holds (series × samples).
    struct Input {
        var path: String
        var options: [String]
        var files: Int
        var bytes: Int
        var points: Int
    }

    func run() throws {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gomemreport").path
        let folder = packageRoot.appendingPathComponent(".build/bench").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let scrape = try SyntheticScrape(template: packageRoot.appendingPathComponent(
            "Tests/Fixtures/recordings/heapleak/metrics/20261128T073732663Z.prom").path)
        print("Best time and largest peak memory (RSS) of several runs; ratio = python3 time / gomemreport time.")
        for format in formats {
            let runs = repeats ?? (format == .queryRange ? 5 : 3)
            print("\n\(format.title), best of \(runs); python3: \(format.python.what)")
            print("window   samples  input                    gomemreport report                     python3             ratio  HTML")
            var times: [(days: Int, points: Int, seconds: Double)] = []
            var pointsPerSample = 0
            for days in days {
                let count = days * SyntheticMemory.samplesPerDay
                let input = try prepare(format, count: count, days: days, in: folder, scrape: scrape)
                let output = "\(folder)/report-\(format.rawValue)-\(days)d.html"
                let ours = ChildProcess.best([executable, "report"] + input.options + [input.path, "-o", output], runs: runs)
                guard ours.status == 0 else { throw BenchmarkError("gomemreport report failed on \(input.path)") }
                let python = ChildProcess.best(["python3", "-c", format.python.script, input.path], runs: runs)
                let html = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
                times.append((days, input.points, ours.seconds))
                pointsPerSample = input.points / count
                let window = Self.windowName(days)
                let files = input.files == 1 ? "1 file" : "\(grouped(input.files)) files"
                print(pad(window, 8) + " " + String(repeating: " ", count: max(0, 7 - grouped(count).count)) + grouped(count) + "  "
                    + pad("\(megabytes(input.bytes)), \(files)", 23) + "  "
                    + pad(String(format: "%.2f s, %d MiB, %.1f M points/s", ours.seconds, ours.peakKiB / 1024,
                                 Double(input.points) / ours.seconds / 1e6), 37) + "  "
                    + pad(String(format: "%.2f s, %d MiB", python.seconds, python.peakKiB / 1024), 18) + "  "
                    + String(format: "%4.1f×", python.seconds / ours.seconds) + "  \(html / 1000) KB")
            }
            // Linear growth is a slope of 1; a fixed cost (startup, the chart, which has the
            // same number of columns for any window) pulls the slope from the shortest down.
            let perPoint = times.map { String(format: "%.0f ns", $0.seconds / Double($0.points) * 1e9) }.joined(separator: ", ")
            var slopes: [String] = []
            if let last = times.last {
                for first in times.dropLast() where last.points > first.points {
                    let slope = log(last.seconds / first.seconds) / log(Double(last.points) / Double(first.points))
                    slopes.append(String(format: "%.2f", slope) + " from " + Self.windowName(first.days))
                }
            }
            print("a point is one value of one series, \(pointsPerSample) a sample; time per point: \(perPoint)"
                + (slopes.isEmpty ? "" : "; log-log slope of time over points to the longest window: \(slopes.joined(separator: ", "))"))
        }
    }

    private func prepare(_ format: Format, count: Int, days: Int, in folder: String, scrape: SyntheticScrape) throws -> Input {
        switch format {
        case .queryRange:
            let path = "\(folder)/query_range-\(days)d.json"
            if !FileManager.default.fileExists(atPath: path) { try QueryRangeWriter.write(count: count, to: path) }
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            return Input(path: path, options: [], files: 1, bytes: size, points: count * QueryRangeWriter.seriesCount)
        case .scrapes:
            let path = "\(folder)/scrapes-\(days)d"
            let bytes = try SnapshotFolderWriter.ensure(path, count: count, fileExtension: ".prom") { scrape.body($0) }
            return Input(path: path, options: ["--scrapes"], files: count, bytes: bytes, points: count * scrape.sampleLines)
        case .expvar:
            let path = "\(folder)/expvar-\(days)d"
            let bytes = try SnapshotFolderWriter.ensure(path, count: count, fileExtension: ".json") { SyntheticExpvar.body($0) }
            return Input(path: path, options: ["--expvar"], files: count, bytes: bytes, points: count * SyntheticExpvar.fieldsRead)
        }
    }

    static func windowName(_ days: Int) -> String {
        days == 1 ? "1 day" : days == 7 ? "1 week" : days % 7 == 0 ? "\(days / 7) weeks" : "\(days) days"
    }

    private func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        return String(digits.enumerated().flatMap { index, digit in
            index > 0 && (digits.count - index) % 3 == 0 ? [",", digit] : [digit]
        })
    }

    private func megabytes(_ bytes: Int) -> String {
        bytes >= 10_000_000 ? "\(Int((Double(bytes) / 1e6).rounded())) MB" : String(format: "%.1f MB", Double(bytes) / 1e6)
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}

/// query_range answers of the 13 runtime/metrics classes, their total and RSS of one
/// instance, as Prometheus writes them.
enum QueryRangeWriter {
    static let seriesCount = SyntheticMemory.classNames.count + 2

    static func write(count: Int, to path: String) throws {
        // Each sample's memory is computed where it is written, never held for the whole
        // window: the benchmark process stays small (its peak is a floor of every child's).
        let names = (SyntheticMemory.classNames + ["total"]).map { "go_memory_classes_\($0)_bytes" } + ["process_resident_memory_bytes"]
        let columns: [(SyntheticMemory) -> Int64] = SyntheticMemory.classNames.indices.map { k in { $0.classes[k] } }
            + [{ $0.total }, { $0.rss }]
        let temporary = path + ".partial"
        _ = FileManager.default.createFile(atPath: temporary, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: temporary) else { throw BenchmarkError("cannot write \(temporary)") }
        handle.write(Data(#"{"status":"success","data":{"resultType":"matrix","result":["#.utf8))
        for (n, name) in names.enumerated() {
            var chunk = (n == 0 ? "" : ",") + #"{"metric":{"__name__":"\#(name)","job":"bench","instance":"127.0.0.1:9090"},"values":["#
            for i in 0..<count {
                chunk += (i == 0 ? "" : ",") + "[\(String(format: "%.3f", SyntheticMemory.time(i))),\"\(columns[n](SyntheticMemory(at: i)))\"]"
                if chunk.utf8.count > 1 << 20 {
                    handle.write(Data(chunk.utf8))
                    chunk = ""
                }
            }
            chunk += "]}"
            handle.write(Data(chunk.utf8))
        }
        handle.write(Data("]}}".utf8))
        try handle.close()
        guard rename(temporary, path) == 0 else { throw BenchmarkError("cannot rename \(temporary)") }
    }
}
