import Analysis
import Ingest
import MemoryModel
import TestSupport
import XCTest

/// The readers of per-moment snapshots: /metrics scrapes, expvar bodies, /proc status.
final class SnapshotReadersTests: XCTestCase {
    let heapleak = Fixtures.recording("heapleak")

    func testRealScrape() throws {
        let path = heapleak + "/metrics/20261128T073242614Z.prom"
        let samples = try ExpositionReader.read(Fixtures.bytes(path), file: path, scrapeTime: 1_795_851_162.614)
        func value(_ name: String) -> Double? { samples.first { $0.name == name }?.value }
        XCTAssertEqual(value("go_memory_classes_heap_objects_bytes"), 2_686_704)
        XCTAssertEqual(value("process_resident_memory_bytes"), 15_101_952)
        XCTAssertEqual(value("go_gc_cycles_total_gc_cycles_total"), 16)   // a counter, kept
        XCTAssertEqual(value("go_goroutines"), 7)
        // Histogram families are skipped whole, summaries but for their count and sum
        // (go_gc_duration_seconds_count is the GC cycle count of the default collector).
        XCTAssertFalse(samples.contains { $0.name == "go_gc_duration_seconds" })
        XCTAssertEqual(value("go_gc_duration_seconds_count"), 16)
        XCTAssertNotNil(value("go_gc_duration_seconds_sum"))
        XCTAssertFalse(samples.contains { $0.name.hasPrefix("go_gc_heap_allocs_by_size_bytes") })
        XCTAssertTrue(samples.allSatisfy { $0.timestamp == 1_795_851_162.614 })
    }

    func testOpenMetricsAndTextDetails() throws {
        let openMetrics = """
            # TYPE process_start_time_seconds gauge
            # UNIT process_start_time_seconds seconds
            process_start_time_seconds 1.7e9 1795851160.5
            # TYPE requests counter
            requests_total{path="/a\\"b\\\\c\\nd",code="200",} 7 # {trace_id="x"} 1.0
            requests_created 1.795e9
            # TYPE x gauge
            x NaN
            x{k="inf"} +Inf
            x{k="ninf"} -Inf
            # EOF

            """
        let samples = try ExpositionReader.read(Array(openMetrics.utf8), file: "om.txt", scrapeTime: 100)
        XCTAssertEqual(samples.count, 5)
        XCTAssertEqual(samples[0].timestamp, 1_795_851_160.5)          // seconds in OpenMetrics
        XCTAssertEqual(samples[1].labels, ["path": "/a\"b\\c\nd", "code": "200"])
        XCTAssertEqual(samples[1].value, 7)
        XCTAssertEqual(samples[1].timestamp, 100)
        XCTAssertTrue(samples[2].value.isNaN)
        XCTAssertEqual(samples[3].value, .infinity)
        XCTAssertEqual(samples[4].value, -.infinity)

        let text = "go_goroutines 7 1795851160500\n"                  // milliseconds in 0.0.4
        XCTAssertEqual(try ExpositionReader.read(Array(text.utf8), file: "t.prom", scrapeTime: nil)[0].timestamp, 1_795_851_160.5)
    }

    func testBadExpositionLines() {
        let cases: [(String, String, String)] = [
            ("ok 1\nbad{path=\"/x} 1\n", "line 2", "unclosed quote in label path of bad"),
            ("a{b=\"one\ntwo\"} 1\n", "line 1", "unclosed quote in label b of a"),
            ("ok 1\nok 2\nbad abc\n", "line 3", "bad has the value abc, which is not a number"),
            ("9lives 1\n", "line 1", "expected a metric name"),
            ("a{b=\"\\q\"} 1\n", "line 1", "invalid escape"),
            ("a 1 notatime\n", "line 1", "timestamp notatime"),
        ]
        for (text, location, reason) in cases {
            XCTAssertThrowsError(try ExpositionReader.read(Array(text.utf8), file: "bad.prom", scrapeTime: 1)) { error in
                let error = error as? InputError
                XCTAssertEqual(error?.file, "bad.prom")
                XCTAssertEqual(error?.location, location, text)
                XCTAssertTrue(error?.reason.contains(reason) == true, "\(String(describing: error))")
            }
        }
    }

    func testExpvar() throws {
        let path = heapleak + "/expvar/20261128T073242614Z.json"
        let samples = try ExpvarReader.read(Fixtures.bytes(path), file: path, time: 1)
        func value(_ name: String) -> Double? { samples.first { $0.name == name }?.value }
        XCTAssertEqual(value("go_memstats_heap_alloc_bytes"), 3_019_328)
        XCTAssertEqual(value("go_memstats_sys_bytes"), 19_510_536)
        XCTAssertEqual(value("go_gc_cycles_total_gc_cycles_total"), 16)
        XCTAssertThrowsError(try ExpvarReader.read(Array("<html>".utf8), file: "v.json", time: 1)) { error in
            XCTAssertTrue((error as? InputError)?.description.hasPrefix("v.json: not valid JSON") == true, "\(error)")
        }
        XCTAssertThrowsError(try ExpvarReader.read(Array(#"{"cmdline":["x"]}"#.utf8), file: "v.json", time: 1)) { error in
            XCTAssertEqual((error as? InputError)?.location, "memstats")
        }
        XCTAssertThrowsError(try ExpvarReader.read(Array(#"{"memstats":{"HeapAlloc":"x"}}"#.utf8), file: "v.json", time: 1)) { error in
            XCTAssertEqual((error as? InputError)?.location, "memstats.HeapAlloc")
        }
    }

    func testProcStatus() throws {
        let path = heapleak + "/proc/20261128T073242614Z.status"
        let samples = try ProcStatusReader.read(Fixtures.bytes(path), file: path, time: 1)
        XCTAssertEqual(samples.first { $0.name == "proc_vm_rss_bytes" }?.value, 15_260 * 1024)
        XCTAssertNotNil(samples.first { $0.name == "proc_rss_anon_bytes" })
        XCTAssertThrowsError(try ProcStatusReader.read(Array("Name:\tx\nVmSize:\t 10 kB\n".utf8), file: "s", time: 1)) { error in
            XCTAssertEqual((error as? InputError)?.description, "s: has no VmRSS line; expected /proc/PID/status of a running process")
        }
        XCTAssertThrowsError(try ProcStatusReader.read(Array("Name:\tx\nVmRSS:\t lots kB\n".utf8), file: "s", time: 1)) { error in
            XCTAssertEqual((error as? InputError)?.location, "line 2")
        }
    }

    /// A real `/proc/PID/smaps_rollup` (a bash process on a Debian 12 machine).
    func testSmapsRollup() throws {
        let path = Fixtures.folder.path + "/proc/20261128T073300000Z.smaps_rollup"
        let samples = try ProcStatusReader.readSmapsRollup(Fixtures.bytes(path), file: path, time: 1)
        let values = Dictionary(uniqueKeysWithValues: samples.map { ($0.name, $0.value) })
        let kB: [String: Double] = [
            "proc_smaps_rss_bytes": 4344, "proc_smaps_pss_bytes": 1182, "proc_smaps_pss_anon_bytes": 789,
            "proc_smaps_pss_file_bytes": 392, "proc_smaps_pss_shmem_bytes": 0, "proc_smaps_anonymous_bytes": 1240,
            "proc_smaps_swap_bytes": 0, "proc_smaps_swap_pss_bytes": 0,
        ]
        XCTAssertEqual(values, kB.mapValues { $0 * 1024 })
        XCTAssertThrowsError(try ProcStatusReader.readSmapsRollup(Array("Pss: 3 kB\n".utf8), file: "r", time: 1)) { error in
            XCTAssertEqual((error as? InputError)?.description, "r: has no Rss line; expected /proc/PID/smaps_rollup of a running process")
        }
        // In a proc folder beside status files, it is read by its extension.
        let series = try SnapshotFolder.load(.proc, in: Fixtures.folder.path + "/proc", job: "x")
        XCTAssertEqual(series.first { $0.name == "proc_smaps_pss_bytes" }?.timestamps, [1795851180])
    }

    /// Whole folders become series the breakdown reads: from scrapes by runtime/metrics,
    /// from expvar by MemStats, and each sums to Go memory exactly at every snapshot.
    func testFoldersBecomeSeriesAndBreakdowns() throws {
        let scrapes = try SnapshotFolder.load(.scrapes, in: heapleak, job: "heapleak")
        let heapObjects = try XCTUnwrap(scrapes.first { $0.name == "go_memory_classes_heap_objects_bytes" })
        XCTAssertEqual(heapObjects.timestamps.count, 59)
        XCTAssertEqual(heapObjects.timestamps.first, 1_795_851_162.614)
        XCTAssertEqual(heapObjects.values.first, 2_686_704)
        XCTAssertEqual(heapObjects.labels, ["job": "heapleak"])
        for (kind, scheme) in [(SnapshotFolder.Kind.scrapes, MetricScheme.runtimeMetrics), (.expvar, .memStats)] {
            let series = try SnapshotFolder.load(kind, in: heapleak, job: "heapleak")
            let breakdown = try MemoryBreakdown.compute(from: InstanceSeries(id: InstanceID(job: "heapleak", instance: ""), series: series),
                                                        file: heapleak)
            XCTAssertEqual(breakdown.scheme, scheme)
            XCTAssertGreaterThan(breakdown.count, 50)
            for i in 0..<breakdown.count {
                XCTAssertEqual(MemoryCategory.allCases.reduce(0.0) { $0 + breakdown.value($1, at: i) }, breakdown.goMemory[i])
            }
        }
    }
}

final class CgroupReaderTests: XCTestCase {
    /// A cgroup v2 memory.stat as Linux 6.1 writes it (abridged to the keys read).
    let stat = """
        anon 104857600
        file 52428800
        kernel 8388608
        kernel_stack 1048576
        pagetables 2097152
        sock 0
        shmem 4096
        slab 3145728

        """

    func testStatCurrentAndMax() throws {
        let samples = try CgroupReader.readStat(Array(stat.utf8), file: "memory.stat", time: 5)
        XCTAssertEqual(samples.map(\.name), ["cgroup_memory_anon_bytes", "cgroup_memory_file_bytes", "cgroup_memory_shmem_bytes",
                                             "cgroup_memory_kernel_bytes"])
        XCTAssertEqual(samples.map(\.value), [104_857_600, 52_428_800, 4096, 8_388_608])
        // Without the `kernel` key (older kernels), its parts add up.
        let older = stat.replacingOccurrences(of: "kernel 8388608\n", with: "")
        let parts = try CgroupReader.readStat(Array(older.utf8), file: "memory.stat", time: 5)
        XCTAssertEqual(parts.last?.value, 1_048_576 + 2_097_152 + 0 + 3_145_728)

        XCTAssertEqual(try CgroupReader.readSingle(Array("134217728\n".utf8), file: "memory.current", time: 5,
                                                   name: "cgroup_memory_current_bytes").first?.value, 134_217_728)
        XCTAssertTrue(try CgroupReader.readSingle(Array("max\n".utf8), file: "memory.max", time: 5, name: "cgroup_memory_max_bytes").isEmpty)
    }

    func testNonNumericValues() {
        XCTAssertThrowsError(try CgroupReader.readStat(Array("anon 12\nfile lots\n".utf8), file: "memory.stat", time: 1)) { error in
            XCTAssertEqual((error as? InputError)?.location, "line 2")
        }
        XCTAssertThrowsError(try CgroupReader.readSingle(Array("unlimited\n".utf8), file: "memory.max", time: 1, name: "cgroup_memory_max_bytes")) { error in
            XCTAssertEqual((error as? InputError)?.description, "memory.max: line 1: expected a number of bytes or max, found “unlimited”")
        }
    }
}
