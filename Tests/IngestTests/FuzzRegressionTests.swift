import Analysis
import Foundation
@testable import Ingest
import MemoryModel
import TestSupport
import XCTest

/// What the fuzz targets (Fuzz/, `scripts/fuzz`) found. Each finding's input is kept in
/// `Tests/Fixtures/fuzz-regressions/<target>/` and read here through the same entry
/// point as its target, so it runs on every `swift test` without the fuzzer; each
/// finding also has a test of what its fix guarantees.
final class FuzzRegressionTests: XCTestCase {
    private static let folder = Fixtures.folder.appendingPathComponent("fuzz-regressions")

    /// Each target's entry point, as its harness in Fuzz/Sources/<target> calls it. The
    /// markdown target's findings would go to MarkdownTests, which links cmark.
    private static let entryPoints: [String: (_ bytes: [UInt8], _ file: String) throws -> Void] = [
        "profile-proto": { _ = try ProfileReader.read($0, file: $1) },
        "profile-gzip": { _ = try ProfileReader.read($0, file: $1) },
        "pprof-debug1": { _ = try LegacyProfileText.read($0, file: $1) },
        "pprof-debug2": { _ = try LegacyProfileText.read($0, file: $1) },
        "prometheus-text": { _ = try ExpositionReader.read($0, file: $1, scrapeTime: 1_795_851_163.5) },
        "query-range": { bytes, file in
            _ = try PrometheusRangeReader.envelope(bytes, file: file)
            _ = try PrometheusRangeReader.read(bytes, file: file)
        },
        "expvar": { _ = try ExpvarReader.read($0, file: $1, time: 1_795_851_163.5) },
        "proc": { bytes, file in
            _ = try ProcStatusReader.read(bytes, file: file, time: 1_795_851_163.5)
            _ = try ProcStatusReader.readSmapsRollup(bytes, file: file, time: 1_795_851_163.5)
        },
        "cgroup": { bytes, file in
            _ = try CgroupReader.readStat(bytes, file: file, time: 1_795_851_163.5)
            _ = try CgroupReader.readEvents(bytes, file: file, time: 1_795_851_163.5)
            _ = try CgroupReader.readSingle(bytes, file: file, time: 1_795_851_163.5, name: "cgroup_memory_max_bytes")
        },
    ]

    private static func reproducer(_ target: String, _ name: String) -> (path: String, bytes: [UInt8]) {
        let path = folder.appendingPathComponent(target).appendingPathComponent(name).path
        return (path, Fixtures.bytes(path))
    }

    /// Every kept input ends as the house rules say: a value, or an `InputError` that
    /// names the file and says why. A crash or trap here fails the whole run.
    func testEveryReproducerReadsOrFailsWithAnInputError() throws {
        let targets = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).sorted()
        XCTAssertFalse(targets.isEmpty)
        for target in targets {
            guard let read = Self.entryPoints[target] else {
                XCTFail("fuzz-regressions/\(target) has no entry point in this test")
                continue
            }
            let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.appendingPathComponent(target).path)
            XCTAssertFalse(names.isEmpty, target)
            for name in names.sorted() {
                let (path, bytes) = Self.reproducer(target, name)
                XCTAssertFalse(bytes.isEmpty, path)
                do {
                    try read(bytes, path)
                } catch let error as InputError {
                    XCTAssertEqual(error.file, path)
                    XCTAssertFalse(error.reason.isEmpty, path)
                } catch {
                    XCTFail("\(path): threw \(type(of: error)), not InputError: \(error)")
                }
            }
        }
    }

    /// profile-gzip, oom: a gzipped profile cut after 2,000 bytes ends in four bytes of
    /// compressed data that the trailer's ISIZE field would hold, here 2.6 GB, and the
    /// inflater sized its first buffer from them: 2 GiB allocated and zeroed to fail.
    /// Now the buffer is at most what 2,000 bytes can inflate to (1032-fold).
    func testATruncatedGzipDoesNotSizeItsBufferFromGarbage() throws {
        let (path, bytes) = Self.reproducer("profile-gzip", "truncated-isize-garbage.pb.gz")
        XCTAssertEqual(bytes.count, 2000)
        let claimed = bytes.suffix(4).reversed().reduce(0) { $0 << 8 | Int($1) }
        XCTAssertEqual(claimed, 2_589_936_013)
        let capacity = GzipInflater.initialCapacity(bytes, limit: ProfileReader.defaultMaximumBytes)
        XCTAssertEqual(capacity, 2000 * 1032 + 1)
        XCTAssertThrowsError(try ProfileReader.read(bytes, file: path)) { error in
            XCTAssertEqual((error as? InputError)?.description, "\(path): byte 2000: truncated gzip stream")
        }
        // An honest trailer still sizes the buffer exactly.
        let whole = Fixtures.bytes(Fixtures.folder.appendingPathComponent("pprof/kinds/heap.pb.gz").path)
        let size = whole.suffix(4).reversed().reduce(0) { $0 << 8 | Int($1) }
        XCTAssertEqual(GzipInflater.initialCapacity(whole, limit: ProfileReader.defaultMaximumBytes), size + 1)
        XCTAssertEqual(try ProfileReader.decompressed(whole, file: "heap.pb.gz").count, size)
    }

    /// profile-proto, trap: two samples of Int64.max (a valid profile.proto) read fine
    /// and then overflowed `GoroutineGroups`' total, as they would any sum downstream.
    /// Readers now hold each sample type's magnitudes to Int64.max / 2 in total, and
    /// say where the total passed it: here the first sample alone, at byte 6.
    func testValuesThatCannotBeSummedAreRefusedWhereTheyPassTheBound() throws {
        let (path, bytes) = Self.reproducer("profile-proto", "two-samples-of-int64-max.pb")
        XCTAssertThrowsError(try ProfileReader.read(bytes, file: path)) { error in
            XCTAssertEqual((error as? InputError)?.description,
                           "\(path): byte 6: not a valid profile.proto: at sample 0, the samples' inuse_space values add up beyond "
                           + "4611686018427387903 (half of 64 bits); the Go runtime writes no such profile")
        }
        // Int64.min has no positive counterpart; its magnitude counts as Int64.max.
        let (minPath, minBytes) = Self.reproducer("profile-proto", "int64-min-and-minus-one.pb")
        XCTAssertThrowsError(try ProfileReader.read(minBytes, file: minPath)) { error in
            XCTAssertEqual((error as? InputError)?.location, "byte 6")
        }
    }

    /// profile-proto, contract: a legacy binary CPU profile (gobench.cpu's header and a
    /// mutated record count) whose counts each fit but whose cpu values, count × period,
    /// add up past the bound. The legacy reader now keeps the bound too.
    func testLegacyCPUProfileValuesAreHeldToTheBound() throws {
        let (path, bytes) = Self.reproducer("profile-proto", "legacy-cpu-values-sum-overflow")
        XCTAssertThrowsError(try ProfileReader.read(bytes, file: path)) { error in
            XCTAssertEqual((error as? InputError)?.description,
                           "\(path): sample 34: the samples' cpu values add up beyond 4611686018427387903 (half of 64 bits); the Go runtime writes no such profile")
        }
    }

    /// At the bound exactly, a profile reads, and what the bound promises holds: the
    /// goroutine groups sum it, and a diff against a base of the opposite sign (the
    /// largest difference two readable profiles can have) fits in 64 bits.
    func testValuesAtTheBoundReadAndDiffWithoutOverflow() throws {
        let limit = Int64.max / 2
        func goroutines(_ values: [Int64], function: UInt64) -> [UInt8] {
            ProtoBytes.build { p in
                p.message(1, ProtoBytes.build { $0.varint(1, 1); $0.varint(2, 2) })
                for value in values {
                    p.message(2, ProtoBytes.build { $0.varint(1, 1); $0.message(2, ProtoBytes.varint(UInt64(bitPattern: value))) })
                }
                p.message(4, ProtoBytes.build { l in
                    l.varint(1, 1)
                    l.message(4, ProtoBytes.build { $0.varint(1, 1); $0.varint(2, 7) })
                })
                p.message(5, ProtoBytes.build { $0.varint(1, 1); $0.varint(2, function); $0.varint(4, 4) })
                for text in ["", "goroutine", "count", "main.up", "main.go"] { p.string(6, text) }
            }
        }
        let current = try ProfileReader.read(goroutines([limit / 2, limit - limit / 2], function: 3), file: "current.pb")
        let base = try ProfileReader.read(goroutines([-limit], function: 3), file: "base.pb")
        XCTAssertThrowsError(try ProfileReader.read(goroutines([limit, 1], function: 3), file: "over.pb")) { error in
            XCTAssertEqual((error as? InputError)?.file, "over.pb")
        }
        let groups = GoroutineGroups(profile: current)
        XCTAssertEqual(groups.total, limit)
        XCTAssertEqual(groups.groups.map(\.count), [limit])
        let diff = GoroutineDiff(base: GoroutineGroups(profile: base), current: groups)
        XCTAssertEqual(diff.rows.map(\.delta), [2 * limit])
        XCTAssertEqual(2 * limit, Int64.max - 1)
    }
}
