import Analysis
import Ingest
import MemoryModel
import TestSupport
import XCTest

/// The findings engine on the Go 1.22 and 1.27 recordings of
/// Tests/Fixtures/recordings-modern (its README says what each should conclude).
final class ModernGoFindingsTests: XCTestCase {
    static func path(_ name: String) -> String {
        Fixtures.folder.appendingPathComponent("recordings-modern/\(name)").path
    }

    static func findings(_ name: String) throws -> [Finding] {
        try FindingsTests.findings(path(name))
    }

    private func serious(_ name: String) throws -> [String] {
        try Self.findings(name).filter { $0.severity != .info }.map(\.kind.rawValue).sorted()
    }

    func testEachRecordingGetsWhatItsReadmeConcludes() throws {
        XCTAssertEqual(try serious("go1.27-heap-leak"), ["heap-leak"])
        XCTAssertEqual(try serious("go1.22-heap-leak"), ["heap-leak"])
        XCTAssertEqual(try serious("go1.27-goroutine-leak"), ["goroutine-leak"])
        XCTAssertEqual(try serious("go1.22-goroutine-leak"), ["goroutine-leak"])
        XCTAssertEqual(try serious("go1.27-memlimit-held"), ["near-memory-limit"], "a heap held at GOMEMLIMIT is the setting, not a leak")
        XCTAssertEqual(try serious("go1.27-batch-spikes"), ["spiky-heap"])
        XCTAssertEqual(try serious("go1.27-steady"), [])
        // client_golang's default Go collector: MemStats names and go_gc_duration_seconds only.
        XCTAssertEqual(try serious("go1.27-default-heap-leak"), ["heap-leak"])
        XCTAssertEqual(try serious("go1.27-default-goroutine-leak"), ["goroutine-leak"])
    }

    /// Without MetricsAll, GC cycles come from the default summary's count and the live
    /// heap from the heap goal ÷ 2: the same leak, at the same rate, in the same line.
    func testDefaultCollectorGivesTheSameVerdicts() throws {
        let recording = try RecordingFolder.load(path: Self.path("go1.27-default-heap-leak"))
        let breakdown = try MemoryBreakdown.compute(from: recording.instances[0], file: Self.path("go1.27-default-heap-leak"))
        XCTAssertEqual(breakdown.scheme, .memStats)
        // go_gc_duration_seconds_count: 43 in the first scrape, 222 in the last.
        XCTAssertEqual(breakdown.gcCycles, 179)
        XCTAssertTrue(breakdown.notes.contains(.noLiveHeap(goVersion: "go1.27.3")))
        let leak = try XCTUnwrap(try Self.findings("go1.27-default-heap-leak").first { $0.kind == .heapLeak })
        XCTAssertEqual(leak.attribution.first.map { "\($0.function) \($0.file):\($0.line)" }, "main.(*SessionStore).Remember modern/scenarios.go:73")
        XCTAssertEqual(try XCTUnwrap(leak.number("rate_bytes_per_hour")) / 1_048_576, 703, accuracy: 703 * 0.1)
        let goroutines = try XCTUnwrap(try Self.findings("go1.27-default-goroutine-leak").first { $0.kind == .goroutineLeak })
        XCTAssertEqual(goroutines.attribution.first?.function, "main.backendCall")
        XCTAssertEqual(goroutines.fact("proof"), "runtime")
    }

    func testHeapLeaksNameTheLineTheServiceOwns() throws {
        for name in ["go1.27-heap-leak", "go1.22-heap-leak"] {
            let leak = try XCTUnwrap(try Self.findings(name).first { $0.kind == .heapLeak }, name)
            let top = try XCTUnwrap(leak.attribution.first, name)
            XCTAssertEqual("\(top.function) \(top.file):\(top.line)", "main.(*SessionStore).Remember modern/scenarios.go:73", name)
            XCTAssertFalse(leak.attribution.contains { OwnedSiteGrowth.isRuntime($0.function) }, "\(name): \(leak.attribution)")
            // 50 sessions/s × 4 KiB = 703 MiB/hour; the live heap's fitted rate is close.
            let rate = try XCTUnwrap(leak.evidence.first { $0.key == "rate_bytes_per_hour" }?.value)
            XCTAssertEqual(rate / 1_048_576, 703, accuracy: 703 * 0.1, name)
        }
    }

    /// The reply buffers the blocked goroutines hold are the heap's growth: charged to
    /// the goroutine leak, not reported as a heap leak in runtime.mallocgc.
    func testGoroutineLeakExplainsTheHeapGrowth() throws {
        for name in ["go1.27-goroutine-leak", "go1.22-goroutine-leak"] {
            let findings = try Self.findings(name)
            XCTAssertNil(findings.first { $0.kind == .heapLeak }, name)
            let leak = try XCTUnwrap(findings.first { $0.kind == .goroutineLeak }, name)
            let top = try XCTUnwrap(leak.attribution.first, name)
            XCTAssertEqual("\(top.function) \(top.file):\(top.line)", "main.backendCall modern/scenarios.go:112", name)
            XCTAssertEqual(top.detail, "chan send", name)
            let explained = try XCTUnwrap(leak.evidence.first { $0.key == "heap_growth_explained_share" }?.value, name)
            XCTAssertGreaterThan(explained, 0.9, name)
            let delta = try XCTUnwrap(leak.evidence.first { $0.key == "goroutines_delta" }?.value, name)
            // 30 queries/s for 300 s: 9,000 goroutines.
            XCTAssertEqual(delta, 9000, accuracy: 100, name)
        }
    }

    /// Go 1.27's goroutineleak profile proves the leak: critical, confidence 1, the
    /// leaking line and wait reason; Go 1.22 has no such profile and keeps the trend.
    func testTheGoroutineLeakProfileProvesTheLeak() throws {
        let proven = try XCTUnwrap(try Self.findings("go1.27-goroutine-leak").first { $0.kind == .goroutineLeak })
        XCTAssertEqual(proven.severity, .critical)
        XCTAssertEqual(proven.confidence, 1)
        XCTAssertEqual(proven.fact("proof"), "runtime")
        XCTAssertEqual(proven.fact("blocking"), "chan send")
        XCTAssertEqual(proven.fact("leak_profile"), "pprof/goroutineleak-20261205T222429917Z.pb.gz")
        XCTAssertEqual(proven.number("leaked_goroutines"), 9303)
        XCTAssertEqual(proven.number("leaked_goroutines_base"), 307)
        XCTAssertEqual(proven.attribution.first, Finding.Attribution(function: "main.backendCall", file: "modern/scenarios.go", line: 112,
                                                                      delta: 8996, detail: "chan send"))

        let trended = try XCTUnwrap(try Self.findings("go1.22-goroutine-leak").first { $0.kind == .goroutineLeak })
        XCTAssertEqual(trended.severity, .warning)
        XCTAssertNil(trended.fact("proof"), "no goroutineleak profile before Go 1.27")

        // A window far too short for a trend: the proof alone still makes the finding.
        let recording = try RecordingFolder.load(path: Self.path("go1.27-goroutine-leak"))
        let instance = recording.instances[0]
        let breakdown = try MemoryBreakdown.compute(from: instance, file: "go1.27-goroutine-leak")
        var thresholds = FindingThresholds()
        thresholds.minimumWindowSeconds = 10 * 3600
        let short = FindingsEngine(thresholds: thresholds).findings(breakdown: breakdown, instance: instance, profiles: recording.profiles)
        XCTAssertEqual(short.map(\.kind.rawValue).filter { $0 != "gc-pressure" }.sorted(), ["goroutine-leak", "insufficient-data"])
        let alone = try XCTUnwrap(short.first { $0.kind == .goroutineLeak })
        XCTAssertEqual(alone.fact("proof"), "runtime")
        XCTAssertEqual(alone.severity, .critical)
        XCTAssertEqual(alone.attribution.first?.function, "main.backendCall")
    }

    func testOwnedSiteGrowthNeverChargesTheAllocator() throws {
        let recording = try RecordingFolder.load(path: Self.path("go1.27-goroutine-leak"))
        let current = try XCTUnwrap(recording.profiles.heap), base = try XCTUnwrap(recording.profiles.heapBase)
        let index = current.profile.defaultSampleTypeIndex
        let growth = OwnedSiteGrowth(current: current.profile, currentIndex: index, base: base.profile,
                                     baseIndex: try XCTUnwrap(base.profile.sampleTypeIndex(current.profile.sampleTypes[index].type)))
        let top = try XCTUnwrap(growth.rows.first)
        XCTAssertEqual(top.function, "main.backendCall")
        XCTAssertFalse(growth.rows.prefix(5).contains { $0.function == "runtime.mallocgc" }, "\(growth.rows.prefix(5))")
        XCTAssertEqual("\(top.file):\(top.line)", "modern/scenarios.go:107", "the 2 KiB reply body")
        // The new goroutines' own memory (runtime.malg) has a stack of runtime frames
        // only, cut at runtime.systemstack: marked as goroutine creation, second largest.
        XCTAssertEqual(growth.rows[1].function, "runtime.systemstack")
        XCTAssertTrue(growth.rows[1].createsGoroutines)
    }
}
