import Foundation

/// The inputs of the hostile corpus too big to commit (Tests/Fixtures/hostile/README.md
/// lists them as "generated"), made at test time in a second or less each: 100 MB
/// lines, 1,000,000 nested brackets, 200,001 series, a 1 GiB sparse file, the 10 GiB
/// gzip bomb.
public enum HostileInputs {
    /// The corpus names of the generated inputs, as README.md lists them.
    public static let names = [
        "query-range/long-string.json", "query-range/deep-nesting.json", "query-range/many-series.json",
        "query-range/sparse-1GiB.json", "scrapes/long-line.prom", "scrapes/many-series.prom", "expvar/long-line.json",
        "expvar/deep-nesting.json", "proc/long-line.status", "cgroup/long-line.stat", "proto/bomb-10GiB.pb.gz",
        "heap-debug1/long-line.txt", "goroutine-debug2/long-line.txt", "notes/long-line.md", "manifest/deep-nesting.json",
    ]

    /// 100 MiB: "100 MB single lines".
    public static let longLineBytes = 100 << 20

    /// Writes the input `name` (one of `names`) to `url`.
    public static func write(_ name: String, to url: URL) throws {
        let long = [UInt8](repeating: UInt8(ascii: "a"), count: longLineBytes)
        func text(_ string: String) -> [UInt8] { Array(string.utf8) }
        let bytes: [UInt8]
        switch name {
        case "query-range/long-string.json":
            bytes = text(#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"go_info","version":""#)
                + long + text(#""},"values":[[1795851163,"1"]]}]}}"#)
        case "query-range/deep-nesting.json":
            bytes = text(#"{"status":"success","extra":"#) + [UInt8](repeating: UInt8(ascii: "["), count: 1_000_000)
        case "query-range/many-series.json":
            let series = text(#"{"metric":{"__name__":"go_goroutines"},"values":[]}"#)
            var body = text(#"{"status":"success","data":{"resultType":"matrix","result":["#)
            body.reserveCapacity(series.count * 200_002 + 64)
            for index in 0..<200_001 {
                if index > 0 { body.append(UInt8(ascii: ",")) }
                body += series
            }
            bytes = body + text("]}}")
        case "query-range/sparse-1GiB.json":
            // A hole: 1 GiB + 1 byte that take no disk and must not be read.
            FileManager.default.createFile(atPath: url.path, contents: nil)
            let handle = try FileHandle(forWritingTo: url)
            try handle.truncate(atOffset: UInt64(1 << 30) + 1)
            try handle.close()
            return
        case "scrapes/long-line.prom":
            bytes = text(#"go_info{version=""#) + long + text("\"} 1\n")
        case "scrapes/many-series.prom":
            var body: [UInt8] = []
            for index in 0..<200_001 { body += text("go_goroutines{n=\"\(index)\"} 1\n") }
            bytes = body
        case "expvar/long-line.json":
            bytes = text("{\n\"cmdline\": [\"") + long + text("\"],\n\"memstats\": {\"HeapAlloc\":1}\n}\n")
        case "expvar/deep-nesting.json":
            bytes = text("{\n\"memstats\": ") + [UInt8](repeating: UInt8(ascii: "["), count: 1_000_000) + text("\n")
        case "proc/long-line.status":
            bytes = text("Name:\t") + long + text("\nVmRSS:\t    4096 kB\n")
        case "cgroup/long-line.stat":
            bytes = text("anon ") + [UInt8](repeating: UInt8(ascii: "1"), count: longLineBytes) + text("\n")
        case "proto/bomb-10GiB.pb.gz":
            bytes = GzipBomb.make(expandedBytes: 10 << 30)
        case "heap-debug1/long-line.txt":
            bytes = text("heap profile: 1: 1 [1: 1] @ heap/1048576\n1: 1 [1: 1] @ 0x1\n#\t0x1\tmain.") + long + text("+0x1\t/x/main.go:1\n")
        case "goroutine-debug2/long-line.txt":
            bytes = text("goroutine 1 [running]:\nmain.") + long + text("()\n\t/x/main.go:1 +0x1\n\n")
        case "notes/long-line.md":
            bytes = text("# Incident\n") + long + text("\n")
        case "manifest/deep-nesting.json":
            bytes = text(#"{"schema":"gomemreport/recording/v1","source":"record","notes":"#) + [UInt8](repeating: UInt8(ascii: "["), count: 1_000_000)
        default:
            throw NSError(domain: "HostileInputs", code: 1, userInfo: [NSLocalizedDescriptionKey: "no generated input \(name)"])
        }
        guard FileManager.default.createFile(atPath: url.path, contents: Data(bytes)) else {
            throw NSError(domain: "HostileInputs", code: 2, userInfo: [NSLocalizedDescriptionKey: "cannot write \(url.path)"])
        }
    }
}
