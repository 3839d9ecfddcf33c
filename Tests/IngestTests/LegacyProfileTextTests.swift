import Foundation
import Ingest
import MemoryModel
import TestSupport
import XCTest

/// The legacy text readers on real files, checked against `go tool pprof` (the saved
/// outputs in Tests/Fixtures/pprof-reference, made by its make-reference.sh).
final class LegacyProfileTextTests: XCTestCase {
    private static let reference = Fixtures.folder.appendingPathComponent("pprof-reference").path
    private static let generated = Fixtures.folder.appendingPathComponent("pprof").path

    private func read(_ path: String) throws -> Profile {
        try LegacyProfileText.read(Fixtures.bytes(path), file: path)
    }

    // MARK: heap debug=1

    func testHeapleakHeapHasGoSampleTypesAndPprofTotals() throws {
        let profile = try read(Fixtures.recording("heapleak") + "/pprof/heap-20261128T073737664Z.debug1.txt")
        XCTAssertEqual(profile.sampleTypes.map(\.description),
                       ["alloc_objects/count", "alloc_space/bytes", "inuse_objects/count", "inuse_space/bytes"])
        XCTAssertEqual(profile.defaultSampleType, "inuse_space")
        XCTAssertEqual(profile.periodType, ValueType(type: "space", unit: "bytes"))
        // The header says heap/1048576: twice the rate, as pprof expects.
        XCTAssertEqual(profile.period, 524_288)
        // `go tool pprof -top -sample_index=… -unit=B`: 2487979, 1568558331B, 39168, 51530913B.
        XCTAssertEqual(totals(profile), [2_487_979, 1_568_558_331, 39168, 51_530_913])
        // 155 records, 5 of them all zero (pprof drops those when it merges).
        XCTAssertEqual(profile.sampleCount, 155)
        XCTAssertEqual(zeroSamples(profile).count, 5)
    }

    func testHeapValuesStacksAndLabelsEqualPprofRaw() throws {
        let files = [
            ("heapleak-heap-20261128T073737664Z", Fixtures.recording("heapleak") + "/pprof/heap-20261128T073737664Z.debug1.txt"),
            ("goroutineleak-heap-20261128T073737712Z", Fixtures.recording("goroutineleak") + "/pprof/heap-20261128T073737712Z.debug1.txt"),
            ("mixed-heap-20261128T073242604Z", Fixtures.recording("mixed") + "/pprof/heap-20261128T073242604Z.debug1.txt"),
        ]
        for (name, path) in files {
            let profile = try read(path)
            let raw = try PprofRawReference(path: "\(Self.reference)/\(name).raw.txt")
            XCTAssertEqual(profile.period, raw.period, name)
            // pprof drops samples whose values are all zero; the reader keeps every record.
            let kept = (0..<profile.sampleCount).filter { !zeroSamples(profile).contains($0) }
            XCTAssertEqual(kept.count, raw.samples.count, name)
            for (rawIndex, index) in kept.prefix(raw.samples.count).enumerated() {
                let ours = PprofRawReference.Sample(
                    values: (0..<4).map { profile.value(ofSample: index, type: $0) },
                    addresses: profile.stack(ofSample: index).map { profile.locations[Int($0)].address },
                    bytesLabel: profile.sampleLabels[index]?.first { $0.key == "bytes" }?.number)
                XCTAssertEqual(ours, raw.samples[rawIndex], "\(name) sample \(index)")
            }
            // And the totals of `go tool pprof -top -sample_index=… -unit=B`.
            let top = try ["alloc_objects", "alloc_space", "inuse_objects", "inuse_space"].map {
                try topTotal("\(Self.reference)/\(name).top.\($0).txt")
            }
            XCTAssertEqual(totals(profile), top, name)
        }
    }

    /// The same heap profile as a Windows service writes it and an editor saves it: CRLF
    /// line endings, `C:/Program Files/Go` (a space) and `C:\Users\…` paths. The values
    /// and frames are the Linux file's.
    func testWindowsPathsAndCRLFReadAsTheLinuxFile() throws {
        let path = Fixtures.recording("heapleak") + "/pprof/heap-20261128T073737664Z.debug1.txt"
        let linux = String(decoding: Fixtures.bytes(path), as: UTF8.self)
        let windows = linux.replacingOccurrences(of: "\t/usr/lib/go-1.19/", with: "\tC:/Program Files/Go/")
            .replacingOccurrences(of: "\t/tmp/gobuild/", with: "\tC:\\Users\\dev\\svc\\")
            .replacingOccurrences(of: "\n", with: "\r\n")
        let profile = try LegacyProfileText.read(Array(windows.utf8), file: "win.txt")
        let original = try read(path)
        XCTAssertEqual(totals(profile), totals(original))
        XCTAssertEqual(profile.sampleCount, original.sampleCount)
        let first = profile.stack(ofSample: 0).map { profile.locations[Int($0)] }
        XCTAssertEqual(describe(first[0], in: profile), ["compress/flate.NewWriter C:/Program Files/Go/src/compress/flate/deflate.go:666"])
        let second = stackDescription(profile, 1)
        XCTAssertTrue(second.contains("main.FooHandler C:\\Users\\dev\\svc\\main.go:45"), "\(second)")
    }

    func testHeapFramesComeFromTheHashLines() throws {
        let profile = try read(Fixtures.recording("heapleak") + "/pprof/heap-20261128T073737664Z.debug1.txt")
        // Record 1: 13 PCs, the leaf 0x66140f, named by "#\t0x66140e\tcompress/flate.NewWriter+0x2e\t…deflate.go:666";
        // the last PC (runtime.goexit) has no frame line.
        let first = profile.stack(ofSample: 0).map { profile.locations[Int($0)] }
        XCTAssertEqual(first.count, 13)
        XCTAssertEqual(first[0].address, 0x66140e)
        XCTAssertEqual(describe(first[0], in: profile), ["compress/flate.NewWriter /usr/lib/go-1.19/src/compress/flate/deflate.go:666"])
        XCTAssertEqual(describe(first[11], in: profile), ["net/http.(*conn).serve /usr/lib/go-1.19/src/net/http/server.go:1991"])
        XCTAssertEqual(first[12].address, 0x46ebc0)
        XCTAssertEqual(first[12].lines, [])
        // Record 2 starts with three hidden runtime PCs (mallocgc and callers): locations
        // with an address and no lines, then main.FooHandler at main.go:45.
        let second = profile.stack(ofSample: 1).map { profile.locations[Int($0)] }
        XCTAssertEqual(second.prefix(3).map(\.lines), [[], [], []])
        XCTAssertEqual(second[3].address, 0x8452f7)
        XCTAssertEqual(describe(second[3], in: profile), ["main.FooHandler /tmp/gobuild/main.go:45"])
        // "@ … 0x44b206 0x44b151 0x44b151 0x43def3 0x46ebc1": runtime.doInit recursing
        // through one call site gives two frame lines for two equal PCs, so the stack
        // holds the same location twice, named by the first and second line.
        let recursive = try XCTUnwrap((0..<profile.sampleCount).first { index in
            let stack = Array(profile.stack(ofSample: index))
            return stack.indices.dropLast().contains { stack[$0] == stack[$0 + 1] }
        })
        let stack = profile.stack(ofSample: recursive).map { profile.locations[Int($0)] }
        XCTAssertEqual(stack.map(\.address).suffix(5), [0x44b205, 0x44b150, 0x44b150, 0x43def2, 0x46ebc0])
        XCTAssertEqual(describe(stack[stack.count - 3], in: profile), ["runtime.doInit /usr/lib/go-1.19/src/runtime/proc.go:6306"])
        XCTAssertEqual(describe(stack[stack.count - 2], in: profile), ["runtime.main /usr/lib/go-1.19/src/runtime/proc.go:233"])
    }

    func testHeapMemStatsTrailer() throws {
        let profile = try read(Fixtures.recording("heapleak") + "/pprof/heap-20261128T073737664Z.debug1.txt")
        let stats = try XCTUnwrap(profile.memStats)
        XCTAssertEqual(stats["Alloc"], 77_310_504)
        XCTAssertEqual(stats["TotalAlloc"], 1_643_423_440)
        XCTAssertEqual(stats["Sys"], 119_652_632)
        XCTAssertEqual(stats["HeapAlloc"], 77_310_504)
        XCTAssertEqual(stats["HeapIdle"], 25_501_696)
        XCTAssertEqual(stats["HeapInuse"], 78_864_384)
        XCTAssertEqual(stats["HeapReleased"], 1_368_064)
        XCTAssertEqual(stats["HeapObjects"], 54263)
        XCTAssertEqual(stats["StackInuse"], 491_520)
        XCTAssertEqual(stats["StackSys"], 491_520)
        XCTAssertEqual(stats["MSpanInuse"], 698_112)
        XCTAssertEqual(stats["MSpanSys"], 846_144)
        XCTAssertEqual(stats["MCacheInuse"], 2400)
        XCTAssertEqual(stats["MCacheSys"], 15600)
        XCTAssertEqual(stats["BuckHashSys"], 1_482_027)
        XCTAssertEqual(stats["GCSys"], 11_815_344)
        XCTAssertEqual(stats["OtherSys"], 635_917)
        XCTAssertEqual(stats["NextGC"], 105_095_544)
        XCTAssertEqual(stats["LastGC"], 1_795_851_453_653_503_625)
        XCTAssertEqual(stats["NumGC"], 133)
        XCTAssertEqual(stats["NumForcedGC"], 0)
        XCTAssertEqual(stats["MaxRSS"], 115_036_160)
        for skipped in ["PauseNs", "PauseEnd", "GCCPUFraction", "DebugGC", "Stack", "MSpan", "MCache"] {
            XCTAssertNil(stats[skipped], skipped)
        }
        XCTAssertEqual(stats.count, 26)
        // The pieces of Sys in the trailer add up to it.
        let parts = ["HeapSys", "StackSys", "MSpanSys", "MCacheSys", "BuckHashSys", "GCSys", "OtherSys"]
        XCTAssertEqual(parts.reduce(Int64(0)) { $0 + (stats[$1] ?? 0) }, stats["Sys"])
    }

    func testEveryRecordedHeapProfileReads() throws {
        var files = 0
        for name in Fixtures.recordingNames {
            let folder = Fixtures.recording(name) + "/pprof"
            for file in try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            where file.hasPrefix("heap-") && file.hasSuffix(".debug1.txt") {
                let profile = try read("\(folder)/\(file)")
                let stats = try XCTUnwrap(profile.memStats, file)
                XCTAssertEqual(stats["Alloc"], stats["HeapAlloc"], file)
                XCTAssertGreaterThan(profile.sampleCount, 0, file)
                files += 1
            }
        }
        XCTAssertEqual(files, 42)
    }

    // MARK: goroutine debug=1

    func testGoroutineDebug1MatchesTheProtoOfTheSameMoment() throws {
        let profile = try read(Self.generated + "/goroutine-debug1.txt")
        XCTAssertEqual(profile.sampleTypes, [ValueType(type: "goroutine", unit: "count")])
        XCTAssertEqual(profile.periodType, ValueType(type: "goroutine", unit: "count"))
        XCTAssertEqual(profile.period, 1)
        XCTAssertNil(profile.goroutines)
        // 8 records (pprof merges the two labelled ones, which it reads without labels,
        // into 7), 19 goroutines.
        XCTAssertEqual(profile.sampleCount, 8)
        XCTAssertEqual(profile.values, [5, 4, 3, 2, 2, 1, 1, 1])
        XCTAssertEqual(try topTotal("\(Self.reference)/goroutine-debug1.top.txt"), 19)

        // pprof -raw of the same file: per stack of addresses, the same counts.
        let raw = try PprofRawReference(path: "\(Self.reference)/goroutine-debug1.raw.txt")
        var ours: [[UInt64]: Int64] = [:]
        for index in 0..<profile.sampleCount {
            ours[profile.stack(ofSample: index).map { profile.locations[Int($0)].address }, default: 0] += profile.values[index]
        }
        var theirs: [[UInt64]: Int64] = [:]
        for sample in raw.samples { theirs[sample.addresses, default: 0] += sample.values[0] }
        XCTAssertEqual(ours, theirs)

        // Every function the frame lines name has the cumulative count that
        // `go tool pprof -top` shows for the proto profile written at the same moment.
        let cumulative = try topCumulative("\(Self.reference)/goroutine-debug0.top.txt")
        let counts = cumulativeCounts(profile)
        XCTAssertEqual(counts.count, 21)
        for (function, count) in counts {
            XCTAssertEqual(count, cumulative[function], function)
        }
        XCTAssertEqual(counts["main.blockOnChanReceive"], 8)
        XCTAssertEqual(counts["main.blockInSleep"], 4)
        XCTAssertEqual(counts["main.blockInSelect"], 3)
        XCTAssertEqual(counts["main.blockOnMutex"], 2)
        XCTAssertEqual(counts["main.blockOnWaitGroup"], 1)
    }

    func testGoroutineDebug1Labels() throws {
        let profile = try read(Self.generated + "/goroutine-debug1.txt")
        XCTAssertEqual(profile.sampleLabels.keys.sorted(), [3, 6])
        XCTAssertEqual(profile.sampleLabels[3], [ProfileLabel(key: "role", string: "worker \"quoted\""),
                                                 ProfileLabel(key: "tenant", string: "acme")])
        XCTAssertEqual(profile.sampleLabels[6]?.last, ProfileLabel(key: "tenant", string: "globex"))
        XCTAssertEqual(profile.values[3], 2)
        XCTAssertEqual(profile.values[6], 1)
    }

    // MARK: goroutine debug=2

    func testGoroutineleakLastDump() throws {
        let profile = try read(Fixtures.recording("goroutineleak") + "/pprof/goroutine-20261128T073737712Z.debug2.txt")
        let goroutines = try XCTUnwrap(profile.goroutines)
        XCTAssertEqual(profile.sampleCount, 30264)
        XCTAssertEqual(goroutines.count, 30264)
        XCTAssertEqual(profile.sampleTypes, [ValueType(type: "goroutine", unit: "count")])
        XCTAssertEqual(profile.periodType, ValueType(type: "goroutine", unit: "count"))
        XCTAssertTrue(profile.values.allSatisfy { $0 == 1 })

        // The leak: goroutines parked on a nil channel in main.BarHandler.func1 (main.go:70).
        let leaked = (0..<profile.sampleCount).filter { index in
            let leaf = profile.locations[Int(profile.stack(ofSample: index).first ?? -1)]
            return goroutines[index].state == "chan receive (nil chan)"
                && describe(leaf, in: profile) == ["main.BarHandler.func1 /tmp/gobuild/main.go:70"]
        }
        XCTAssertEqual(leaked.count, 30249)
        XCTAssertTrue(leaked.allSatisfy { goroutines[$0].createdBy == "main.BarHandler" })
        XCTAssertTrue(leaked.allSatisfy { goroutines[$0].createdAt == "/tmp/gobuild/main.go:55" })
        // How long they have waited: the header's "N minutes", absent under one minute.
        var minutes: [Int: Int] = [:]
        for index in leaked { minutes[goroutines[index].waitMinutes ?? 0, default: 0] += 1 }
        XCTAssertEqual(minutes, [0: 5617, 1: 5899, 2: 6337, 3: 5940, 4: 6117, 5: 339])
        XCTAssertEqual(Dictionary(grouping: goroutines, by: \.state).mapValues(\.count),
                       ["chan receive (nil chan)": 30249, "IO wait": 7, "select": 6, "running": 1, "chan receive": 1])
        XCTAssertFalse(goroutines.contains { $0.isScanning || $0.isLockedToThread })
        // 30 264 stacks, few distinct frames: locations are interned.
        XCTAssertLessThan(profile.locations.count, 100)
        XCTAssertTrue(profile.locations.allSatisfy { $0.address == 0 && $0.lines.count == 1 })
    }

    func testDumpRecordsAndStacks() throws {
        let profile = try read(Fixtures.recording("goroutineleak") + "/pprof/goroutine-20261128T073737712Z.debug2.txt")
        let goroutines = try XCTUnwrap(profile.goroutines)
        XCTAssertEqual(goroutines[0], GoroutineRecord(
            id: 243_526, state: "running", createdBy: "net/http.(*Server).Serve",
            createdAt: "/usr/lib/go-1.19/src/net/http/server.go:3102"))
        XCTAssertEqual(stackDescription(profile, 0).first, "runtime/pprof.writeGoroutineStacks /usr/lib/go-1.19/src/runtime/pprof/pprof.go:692")
        XCTAssertEqual(stackDescription(profile, 0).count, 9)

        // goroutine 1 [IO wait]: the main goroutine, with no creator, and two inlined
        // frames printed as f(...) without an offset.
        XCTAssertEqual(goroutines[1], GoroutineRecord(id: 1, state: "IO wait"))
        XCTAssertEqual(stackDescription(profile, 1), [
            "internal/poll.runtime_pollWait /usr/lib/go-1.19/src/runtime/netpoll.go:305",
            "internal/poll.(*pollDesc).wait /usr/lib/go-1.19/src/internal/poll/fd_poll_runtime.go:84",
            "internal/poll.(*pollDesc).waitRead /usr/lib/go-1.19/src/internal/poll/fd_poll_runtime.go:89",
            "internal/poll.(*FD).Accept /usr/lib/go-1.19/src/internal/poll/fd_unix.go:614",
            "net.(*netFD).accept /usr/lib/go-1.19/src/net/fd_unix.go:172",
            "net.(*TCPListener).accept /usr/lib/go-1.19/src/net/tcpsock_posix.go:142",
            "net.(*TCPListener).Accept /usr/lib/go-1.19/src/net/tcpsock.go:288",
            "net/http.(*Server).Serve /usr/lib/go-1.19/src/net/http/server.go:3070",
            "net/http.Serve /usr/lib/go-1.19/src/net/http/server.go:2568",
            "main.main /tmp/gobuild/main.go:186",
        ])
        XCTAssertEqual(goroutines[2], GoroutineRecord(id: 8, state: "chan receive", createdBy: "main.main",
                                                      createdAt: "/tmp/gobuild/main.go:157"))
        XCTAssertEqual(goroutines[3], GoroutineRecord(id: 269, state: "chan receive (nil chan)", waitMinutes: 5,
                                                      createdBy: "main.BarHandler", createdAt: "/tmp/gobuild/main.go:55"))
    }

    func testEveryRecordedDumpReadsWithOneSamplePerGoroutine() throws {
        var files = 0
        for name in Fixtures.recordingNames {
            let folder = Fixtures.recording(name) + "/pprof"
            for file in try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            where file.hasSuffix(".debug2.txt") {
                let bytes = Fixtures.bytes("\(folder)/\(file)")
                let headers = String(decoding: bytes, as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix("goroutine ") }.count
                let profile = try LegacyProfileText.read(bytes, file: file)
                XCTAssertEqual(profile.sampleCount, headers, file)
                XCTAssertEqual(profile.goroutines?.count, headers, file)
                XCTAssertEqual(profile.goroutines?.filter { $0.state == "running" }.count, 1, file)
                files += 1
            }
        }
        XCTAssertEqual(files, 34)
    }

    func testGeneratedDumpAgreesWithTheDebug1FormOfTheSameMoment() throws {
        let dump = try read(Self.generated + "/goroutine-debug2.txt")
        let goroutines = try XCTUnwrap(dump.goroutines)
        XCTAssertEqual(goroutines.count, 19)
        XCTAssertEqual(Dictionary(grouping: goroutines, by: \.state).mapValues(\.count),
                       ["chan receive": 8, "select": 3, "semacquire": 3, "sleep": 4, "running": 1])
        let counts = cumulativeCounts(try read(Self.generated + "/goroutine-debug1.txt"))
        let dumpCounts = cumulativeCounts(dump)
        for function in ["main.blockOnChanReceive", "main.blockInSleep", "main.blockInSelect", "main.blockOnMutex",
                         "main.blockOnWaitGroup", "main.labelledWorker", "time.Sleep", "sync.(*Mutex).Lock"] {
            XCTAssertEqual(dumpCounts[function], counts[function], function)
        }
    }

    func testDumpHeaderVariants() throws {
        let text = """
            goroutine 5 [select (scan), 2 minutes, locked to thread]:
            main.wait(...)
            \t/app/main.go:10
            main.main()
            \t/app/main.go:20 +0x1d fp=0xc000 sp=0xc000 pc=0x45
            created by main.start in goroutine 1
            \t/app/start.go:7 +0x2a

            goroutine 6 [syscall, locked to thread]:
            syscall.Syscall(0x0, 0x1, 0x2, 0x3)
            \t/usr/lib/go/src/syscall/asm.s:12 +0x5
            ...additional frames elided...
            [originating from goroutine 2]:
            main.ancestor(...)
            \t/app/main.go:99 +0x1

            goroutine 7 [running]:
            \tgoroutine running on other thread; stack unavailable
            created by main.start
            \t/app/start.go:8 +0x2a

            goroutine 8 [chan receive, 1234 minutes]:
            main.(*T[...]).Get(0xc000010000, {0x1, 0x2})
            \t/app/t.go:3 +0x1

            """
        let profile = try LegacyProfileText.read(Array(text.utf8), file: "inline.txt")
        let goroutines = try XCTUnwrap(profile.goroutines)
        XCTAssertEqual(goroutines, [
            GoroutineRecord(id: 5, state: "select", waitMinutes: 2, isScanning: true, isLockedToThread: true,
                            createdBy: "main.start", createdAt: "/app/start.go:7"),
            GoroutineRecord(id: 6, state: "syscall", isLockedToThread: true),
            GoroutineRecord(id: 7, state: "running", createdBy: "main.start", createdAt: "/app/start.go:8"),
            GoroutineRecord(id: 8, state: "chan receive", waitMinutes: 1234),
        ])
        XCTAssertEqual(stackDescription(profile, 0), ["main.wait /app/main.go:10", "main.main /app/main.go:20"])
        XCTAssertEqual(stackDescription(profile, 1), ["syscall.Syscall /usr/lib/go/src/syscall/asm.s:12"])
        XCTAssertEqual(stackDescription(profile, 2), [])
        XCTAssertEqual(stackDescription(profile, 3), ["main.(*T[...]).Get /app/t.go:3"])
    }

    /// Go 1.27's `goroutineheader`: `(leaked)` before `(scan)`, the synctest bubble
    /// last, and pprof labels after the bracket under GODEBUG=tracebacklabels=1.
    func testGo127DumpHeaderVariants() throws {
        let text = """
            goroutine 12 [chan send (leaked)]:
            main.backendCall(0x0, 0x21b5ad9e41c0)
            	modern/scenarios.go:112 +0x85
            created by main.Fanout.Query in goroutine 9
            	modern/scenarios.go:98 +0x7f

            goroutine 13 [select (leaked) (scan), 3 minutes, locked to thread, synctest bubble 4]:
            main.wait()
            	/app/main.go:10 +0x1

            goroutine 14 [IO wait] {"handler": "/api] {x}", "shard": "2"}:
            main.serve()
            	/app/main.go:20 +0x1

            """
        let goroutines = try XCTUnwrap(try LegacyProfileText.read(Array(text.utf8), file: "inline.txt").goroutines)
        var leaked = GoroutineRecord(id: 12, state: "chan send", createdBy: "main.Fanout.Query", createdAt: "modern/scenarios.go:98")
        leaked.isLeaked = true
        var both = GoroutineRecord(id: 13, state: "select", waitMinutes: 3, isScanning: true, isLockedToThread: true)
        both.isLeaked = true
        XCTAssertEqual(goroutines, [leaked, both, GoroutineRecord(id: 14, state: "IO wait")])
        XCTAssertThrowsError(try LegacyProfileText.read(Array("goroutine 1 [running]x\nmain.f()\n\t/a.go:1\n".utf8), file: "bad.txt"))

        // The real dump: every goroutine the goroutineleak profile counts is marked.
        let pprof = Fixtures.folder.appendingPathComponent("recordings-modern/go1.27-goroutine-leak/pprof").path
        let dump = try XCTUnwrap(try ProfileReader.load(path: pprof + "/goroutine-20261205T222429917Z.debug2.txt").goroutines)
        let marked = dump.filter(\.isLeaked)
        XCTAssertEqual(marked.count, 9304, "goroutineleak profile: total 9304")
        XCTAssertEqual(Set(marked.map(\.state)), ["chan send"])
    }

    func testHeapHeaderVariantsFollowPprof() throws {
        // heap_v2/N is sampled at N (not N/2); heapprofile is not sampled.
        let v2 = try LegacyProfileText.read(Array("""
            heap profile: 1: 1024 [2: 2048] @ heap_v2/524288
            1: 1024 [2: 2048] @ 0x1001
            #\t0x1000\tmain.f+0x10\t/app/main.go:3

            """.utf8), file: "v2.txt")
        XCTAssertEqual(v2.period, 524_288)
        // 1 / (1 − e^(−1024/524288)) = 512.50…: 1 object in use stands for 512, its 1024
        // bytes for 524800.
        // 2 objects of 1024 bytes allocated: the same factor, 1025 and 1049600.
        XCTAssertEqual((0..<4).map { v2.value(ofSample: 0, type: $0) }, [1025, 1_049_600, 512, 524_800])
        XCTAssertEqual(v2.locations[0].address, 0x1000)

        let plain = try LegacyProfileText.read(Array("""
            heap profile: 1: 1024 [2: 2048] @ heapprofile
            1: 1024 [2: 2048] @ 0x1001

            """.utf8), file: "plain.txt")
        XCTAssertEqual(plain.period, 1)
        XCTAssertEqual(plain.values, [2, 2048, 1, 1024])
        XCTAssertNil(plain.memStats)
    }

    func testHeapSampleScalingMatchesPprof() {
        // pprof's scaleHeapSample: 0 stays 0, rate ≤ 1 leaves values alone.
        XCTAssertEqual(scale(0, 0, 524_288), [0, 0])
        XCTAssertEqual(scale(3, 300, 1), [3, 300])
        // heapleak's first record, in use: 2 objects of 663552 bytes at 524288 → 2, 1848496.
        XCTAssertEqual(scale(2, 1_327_104, 524_288), [2, 1_848_496])
        XCTAssertEqual(scale(27, 17_915_904, 524_288), [37, 24_954_700])
    }

    // MARK: Helpers

    private func scale(_ count: Int64, _ size: Int64, _ rate: Int64) -> [Int64] {
        let profile = try? LegacyProfileText.read(Array("""
            heap profile: \(count): \(size) [\(count): \(size)] @ heap_v2/\(rate)
            \(count): \(size) [\(count): \(size)] @ 0x1

            """.utf8), file: "scale.txt")
        return profile.map { [$0.value(ofSample: 0, type: 2), $0.value(ofSample: 0, type: 3)] } ?? []
    }

    private func zeroSamples(_ profile: Profile) -> Set<Int> {
        Set((0..<profile.sampleCount).filter { index in
            (0..<profile.sampleTypes.count).allSatisfy { profile.value(ofSample: index, type: $0) == 0 }
        })
    }

    private func totals(_ profile: Profile) -> [Int64] {
        (0..<profile.sampleTypes.count).map { type in
            (0..<profile.sampleCount).reduce(Int64(0)) { $0 + profile.value(ofSample: $1, type: type) }
        }
    }

    /// "Showing nodes accounting for 51530913B, 100% of 51530913B total" → 51530913.
    private func topTotal(_ path: String) throws -> Int64 {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let line = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("Showing nodes accounting for") })
        let total = try XCTUnwrap(line.split(separator: " ").dropLast().last)
        return try XCTUnwrap(Int64(total.filter(\.isNumber)))
    }

    /// The cum column of `go tool pprof -top`, by function (without " (inline)").
    private func topCumulative(_ path: String) throws -> [String: Int64] {
        var result: [String: Int64] = [:]
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, Int64(fields[0]) != nil, let cum = Int64(fields[3]) else { continue }
            let name = fields[5...].joined(separator: " ").replacingOccurrences(of: " (inline)", with: "")
            result[name] = cum
        }
        return result
    }

    /// For each function named in the profile, the sum of the samples whose stack has it.
    private func cumulativeCounts(_ profile: Profile) -> [String: Int64] {
        var result: [String: Int64] = [:]
        for index in 0..<profile.sampleCount {
            var names = Set<String>()
            for location in profile.stack(ofSample: index) {
                for line in profile.locations[Int(location)].lines { names.insert(profile.functions[Int(line.function)].name) }
            }
            for name in names { result[name, default: 0] += profile.value(ofSample: index, type: 0) }
        }
        return result
    }

    private func describe(_ location: ProfileLocation, in profile: Profile) -> [String] {
        location.lines.map {
            let function = profile.functions[Int($0.function)]
            return "\(function.name) \(function.filename):\($0.line)"
        }
    }

    private func stackDescription(_ profile: Profile, _ index: Int) -> [String] {
        profile.stack(ofSample: index).flatMap { describe(profile.locations[Int($0)], in: profile) }
    }
}
