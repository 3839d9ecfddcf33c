import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `/metrics` scrapes shaped like a real client_golang one: a scrape from the heapleak
/// recording in Tests/Fixtures (HELP and TYPE lines, summaries, histograms, the
/// go_memory_classes_* and go_memstats_* gauges, process_* …) with every sample's value
/// replaced: memory from `SyntheticMemory`, counters growing, other gauges wobbling.
/// Values are written as client_golang writes them (`GoFloat`).
struct SyntheticScrape {
    /// The text around the values: `pieces[k]` comes before sample `k`'s value.
    private var pieces: [[UInt8]] = []
    private var samples: [(name: String, base: Double)] = []

    init(template path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var piece = ""
        for line in text.split(separator: "\n") {
            guard !line.hasPrefix("#"), let space = line.lastIndex(of: " "), let base = Double(line[line.index(after: space)...]) else {
                piece += line + "\n"
                continue
            }
            piece += line[...space]
            pieces.append(Array(piece.utf8))
            piece = "\n"
            samples.append((String(line.prefix { $0 != "{" && $0 != " " }), base))
        }
        pieces.append(Array(piece.utf8))
    }

    var sampleLines: Int { samples.count }

    /// The scrape taken at sample `i`.
    func body(_ i: Int) -> [UInt8] {
        let memory = SyntheticMemory(at: i)
        let memStats = memory.memStats
        var out: [UInt8] = []
        out.reserveCapacity(20_000)
        for (k, sample) in samples.enumerated() {
            out += pieces[k]
            out += GoFloat.string(value(sample.name, base: sample.base, at: i, memory: memory, memStats: memStats)).utf8
        }
        out += pieces[samples.count]
        return out
    }

    /// client_golang's MemStats gauges and the fields they come from.
    private static let memStatsGauges = [
        "go_memstats_alloc_bytes": "Alloc", "go_memstats_heap_alloc_bytes": "HeapAlloc", "go_memstats_heap_idle_bytes": "HeapIdle",
        "go_memstats_heap_inuse_bytes": "HeapInuse", "go_memstats_heap_released_bytes": "HeapReleased",
        "go_memstats_heap_sys_bytes": "HeapSys", "go_memstats_heap_objects": "HeapObjects",
        "go_memstats_stack_inuse_bytes": "StackInuse", "go_memstats_stack_sys_bytes": "StackSys",
        "go_memstats_mspan_inuse_bytes": "MSpanInuse", "go_memstats_mspan_sys_bytes": "MSpanSys",
        "go_memstats_mcache_inuse_bytes": "MCacheInuse", "go_memstats_mcache_sys_bytes": "MCacheSys",
        "go_memstats_gc_sys_bytes": "GCSys", "go_memstats_other_sys_bytes": "OtherSys",
        "go_memstats_buck_hash_sys_bytes": "BuckHashSys", "go_memstats_sys_bytes": "Sys", "go_memstats_next_gc_bytes": "NextGC",
    ]

    private func value(_ name: String, base: Double, at i: Int, memory: SyntheticMemory, memStats: [String: Int64]) -> Double {
        if name.hasPrefix("go_memory_classes_") {
            let memoryClass = String(name.dropFirst(18).dropLast(6))
            return Double(memoryClass == "total" ? memory.total : memory.value(memoryClass))
        }
        if name == "process_resident_memory_bytes" { return Double(memory.rss) }
        if let field = Self.memStatsGauges[name] { return Double(memStats[field]!) }
        let growing = ["_total", "_count", "_sum", "_bucket"].contains { name.hasSuffix($0) }
        let whole = base == base.rounded() && abs(base) < 1e15
        switch (growing, whole) {
        case (true, true): return base + Double(i) * max(1, (base / 500).rounded())
        case (true, false): return base * (1 + Double(i) / 1000)
        case (false, true): return base <= 1 ? base : base + Double(i % 7)
        case (false, false): return base * (1 + Double(i % 13) / 100)
        }
    }
}

/// `/debug/vars` bodies as a Go program that imports expvar serves them: `cmdline`,
/// `memstats` with every runtime.MemStats field in Go's order (PauseNs and PauseEnd of
/// 256, BySize of 61 size classes), and a variable of the program's own.
enum SyntheticExpvar {
    /// The memstats fields gomemreport reads from each body.
    static let fieldsRead = 22

    static let sizeClasses = [
        0, 8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320, 352, 384, 416, 448,
        480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048, 2304, 2688, 3072, 3200, 3456, 4096,
        4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240, 10880, 12288, 13568, 14336, 16384, 18432,
    ]

    static func body(_ i: Int) -> [UInt8] {
        let stats = SyntheticMemory(at: i).memStats
        let numGC = 16 + i / 3  // a cycle every 30 s
        let mallocs = 64_346 + Int64(i) * 2_000
        let nanos = { (gc: Int) -> Int64 in Int64((SyntheticMemory.start - 60 + Double(gc) * 30) * 1e9) }
        let pause = { (gc: Int) -> Int64 in gc < 0 ? 0 : Int64(20_000 + (gc * 7919) % 900_000) }
        // The runtime's circular buffers: slot gc % 256 holds cycle gc's pause.
        let slots = (0..<256).map { slot in numGC - 1 - ((numGC - 1 - slot) % 256 + 256) % 256 }
        var fields: [(String, String)] = [
            ("Alloc", "\(stats["Alloc"]!)"), ("TotalAlloc", "\(43_664_416 + Int64(i) * 1_234_567)"), ("Sys", "\(stats["Sys"]!)"),
            ("Lookups", "0"), ("Mallocs", "\(mallocs)"), ("Frees", "\(mallocs - stats["HeapObjects"]!)"),
        ]
        for name in ["HeapAlloc", "HeapSys", "HeapIdle", "HeapInuse", "HeapReleased", "HeapObjects", "StackInuse", "StackSys",
                     "MSpanInuse", "MSpanSys", "MCacheInuse", "MCacheSys", "BuckHashSys", "GCSys", "OtherSys", "NextGC"] {
            fields.append((name, "\(stats[name]!)"))
        }
        fields += [
            ("LastGC", "\(nanos(numGC - 1))"), ("PauseTotalNs", "\(Int64(numGC) * 310_000)"),
            ("PauseNs", "[" + slots.map { "\(pause($0))" }.joined(separator: ",") + "]"),
            ("PauseEnd", "[" + slots.map { "\($0 < 0 ? 0 : nanos($0))" }.joined(separator: ",") + "]"),
            ("NumGC", "\(numGC)"), ("NumForcedGC", "0"), ("GCCPUFraction", "\(0.0007943861888282508 * (1 + Double(i % 100) / 1000))"),
            ("EnableGC", "true"), ("DebugGC", "false"),
            ("BySize", "[" + sizeClasses.enumerated().map { k, size in
                let allocated = size == 0 ? 0 : Int64(14_174 / (k + 1)) * Int64(1 + i / 100)
                return "{\"Size\":\(size),\"Mallocs\":\(allocated),\"Frees\":\(max(0, allocated - Int64(k)))}"
            }.joined(separator: ",") + "]"),
        ]
        let memstats = "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
        return Array("""
            {
            "cmdline": ["/usr/local/bin/api","-listen",":8080"],
            "memstats": \(memstats),
            "requests": \(1_000 + i * 37)
            }

            """.utf8)
    }
}

/// A folder of snapshots, one per sample, written once and reused: `<folder>.complete`
/// marks a folder whose writing finished, and holds its size in bytes.
enum SnapshotFolderWriter {
    static func ensure(_ folder: String, count: Int, fileExtension: String, body: @escaping @Sendable (Int) -> [UInt8]) throws -> Int {
        let marker = folder + ".complete"
        if let text = try? String(contentsOfFile: marker, encoding: .utf8), let bytes = Int(text) { return bytes }
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        print("writing \(count) files to \(folder) (once; later runs reuse them)")
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let tally = Tally()
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for i in stride(from: worker, to: count, by: workers) {
                let path = "\(folder)/\(SyntheticMemory.stamp(i))\(fileExtension)"
                let bytes = body(i)
                let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                let written = descriptor < 0 ? -1 : bytes.withUnsafeBytes { write(descriptor, $0.baseAddress!, $0.count) }
                if descriptor >= 0 { close(descriptor) }
                tally.add(bytes: bytes.count, failed: written != bytes.count ? path : nil)
            }
        }
        if let path = tally.failure { throw BenchmarkError("cannot write \(path)") }
        try String(tally.bytes).write(toFile: marker, atomically: true, encoding: .utf8)
        return tally.bytes
    }

    private final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var bytes = 0
        private(set) var failure: String?
        func add(bytes count: Int, failed path: String?) {
            lock.lock()
            bytes += count
            if failure == nil { failure = path }
            lock.unlock()
        }
    }
}
