import Analysis
import Ingest
import MemoryModel
import TestSupport
import XCTest

final class MemoryBreakdownTests: XCTestCase {
    private func breakdown(_ path: String) throws -> MemoryBreakdown {
        let recording = try RecordingFolder.load(path: path)
        return try MemoryBreakdown.compute(from: recording.instances[0], file: path)
    }

    /// The eight categories add up to Go memory exactly, at every sample of every real
    /// recording, with both naming schemes.
    func testCategoriesSumToGoMemoryExactlyEverywhere() throws {
        var paths = Fixtures.recordingNames.map(Fixtures.recording)
        paths.append(Fixtures.derived("heapleak-memstats-only.json"))
        for path in paths {
            let breakdown = try breakdown(path)
            XCTAssertEqual(breakdown.count, 148, path)
            for index in 0..<breakdown.count {
                let sum = MemoryCategory.allCases.reduce(0.0) { $0 + breakdown.value($1, at: index) }
                XCTAssertEqual(sum, breakdown.goMemory[index], "\(path) sample \(index)")
            }
        }
    }

    func testHeapleakFiguresMatchTheJSON() throws {
        let b = try breakdown(Fixtures.recording("heapleak"))
        XCTAssertEqual(b.scheme, .runtimeMetrics)
        XCTAssertEqual(b.instance, InstanceID(job: "heapleak", instance: "127.0.0.1:46027"))
        // go_memory_classes_total_bytes − go_memory_classes_heap_released_bytes, first and last.
        XCTAssertEqual(b.goMemory.first, 18_117_896)   // 17.3 MiB
        XCTAssertEqual(b.goMemory.last, 116_572_440)   // 111.2 MiB
        XCTAssertEqual(b.value(.heapObjects, at: 0), 4_274_592)
        XCTAssertEqual(b.value(.heapObjects, at: b.lastIndex), 69_037_952)
        // RSS: VmRSS from /proc where a status file is within half its step (the first,
        // 15,260 kB), else process_resident_memory_bytes (the last: the thinned /proc
        // fixture ends 5 s before the query_range window does).
        XCTAssertEqual(b.rss.first!, 15_260 * 1024)
        XCTAssertEqual(b.rss.last!, 114_905_088)
        XCTAssertEqual(b.rssSource, "VmRSS in /proc/PID/status where recorded, else process_resident_memory_bytes")
        XCTAssertEqual(b.rss.filter { $0 == nil }.count, 0)
        XCTAssertEqual(b.nonGo.last!, 114_905_088 - 116_572_440)
        XCTAssertEqual(b.heapTotal.last, 69_037_952 + 32_215_168)
        XCTAssertEqual(b.heapReleased.last, 3_080_192)
        XCTAssertEqual(b.peakIndex, 146)
    }

    func testMemStatsFallbackGivesTheSameNumbers() throws {
        let runtime = try breakdown(Fixtures.recording("heapleak"))
        let memStats = try breakdown(Fixtures.derived("heapleak-memstats-only.json"))
        XCTAssertEqual(memStats.scheme, .memStats)
        XCTAssertEqual(memStats.timestamps, runtime.timestamps)
        XCTAssertEqual(memStats.goMemory, runtime.goMemory)
        XCTAssertEqual(memStats.heapReleased, runtime.heapReleased)
        for category in MemoryCategory.allCases {
            XCTAssertEqual(memStats.categories[category], runtime.categories[category], category.title)
        }
    }

    func testRecordingReadmeFigures() throws {
        // First → last Go memory in MiB, as ../recordings/README.md states them.
        let expected: [String: (Double, Double)] = [
            "heapleak": (17, 111), "goroutineleak": (18, 123), "steady": (15, 15), "mmap": (16, 16),
        ]
        for (name, (first, last)) in expected {
            let b = try breakdown(Fixtures.recording(name))
            // The README rounds loosely; within 1 MiB.
            XCTAssertEqual(b.goMemory.first! / 1_048_576, first, accuracy: 1, name)
            XCTAssertEqual(b.goMemory.last! / 1_048_576, last, accuracy: 1, name)
        }
        let goroutine = try breakdown(Fixtures.recording("goroutineleak"))
        XCTAssertEqual((goroutine.value(.goroutineStacks, at: goroutine.lastIndex) / 1_048_576).rounded(), 59)
        let spiky = try breakdown(Fixtures.recording("spiky"))
        XCTAssertEqual((spiky.goMemory[spiky.peakIndex] / 1_048_576).rounded(.down), 393)  // "peaks at 394 MiB"
    }

    func testReconciliationVerdicts() throws {
        let expected: [String: Reconciliation.Verdict] = [
            "heapleak": .close, "goroutineleak": .close, "steady": .close, "spiky": .close, "mixed": .close,
            "mmap": .goFarBelowRSS, "virtual": .goFarAboveRSS,
        ]
        for (name, verdict) in expected {
            let b = try breakdown(Fixtures.recording(name))
            let last = Reconciliation(breakdown: b, index: b.lastIndex)
            XCTAssertEqual(last.verdict, verdict, name)
        }
        let mmap = try breakdown(Fixtures.recording("mmap"))
        let last = Reconciliation(breakdown: mmap, index: mmap.lastIndex)
        XCTAssertEqual(last.rss, 1_279_614_976)
        XCTAssertEqual(last.goMemory, 16_889_096)
        XCTAssertEqual(last.nonGo, 1_279_614_976 - 16_889_096)
        XCTAssertEqual(last.ratio!, 16_889_096 / 1_279_614_976, accuracy: 1e-12)

        let noRSS = try breakdown(Fixtures.derived("heapleak-no-rss.json"))
        XCTAssertFalse(noRSS.hasRSS)
        XCTAssertEqual(Reconciliation(breakdown: noRSS, index: 0).verdict, .rssUnknown)
    }

    func testNaNInAMemoryClassNamesFileAndSample() throws {
        let path = Fixtures.bad("nan-memory-class.json")
        let recording = try RecordingFolder.load(path: path)
        XCTAssertThrowsError(try MemoryBreakdown.compute(from: recording.instances[0], file: path)) { error in
            XCTAssertEqual(error as? InputError, InputError(
                file: path, location: "data.result[1].values[40]",
                reason: "go_memory_classes_heap_objects_bytes is NaN at Unix time 1795851243.588; memory classes must be finite byte counts from 0 to 2^60"))
        }
    }

    func testNoGoMemorySeries() throws {
        let path = Fixtures.bad("no-go-memory.json")
        let recording = try RecordingFolder.load(path: path)
        XCTAssertThrowsError(try MemoryBreakdown.compute(from: recording.instances[0], file: path)) { error in
            let error = error as? InputError
            XCTAssertEqual(error?.file, path)
            XCTAssertTrue(error?.reason.contains("heapleak/127.0.0.1:46027: no Go memory series") == true, "\(String(describing: error))")
        }
    }

    func testSamplesAreAlignedByTimestamp() throws {
        // Drop the first sample of one class: that timestamp leaves the breakdown.
        let recording = try RecordingFolder.load(path: Fixtures.recording("steady"))
        var instance = recording.instances[0]
        let index = instance.series.firstIndex { $0.name == "go_memory_classes_other_bytes" }!
        instance.series[index].timestamps.removeFirst()
        instance.series[index].values.removeFirst()
        let b = try MemoryBreakdown.compute(from: instance, file: "steady")
        XCTAssertEqual(b.count, 147)
        XCTAssertEqual(b.timestamps.first, instance.series[index].timestamps.first)
        for i in 0..<b.count {
            XCTAssertEqual(MemoryCategory.allCases.reduce(0.0) { $0 + b.value($1, at: i) }, b.goMemory[i])
        }
    }
}
