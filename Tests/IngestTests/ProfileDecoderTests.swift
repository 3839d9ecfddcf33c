import Ingest
import MemoryModel
import TestSupport
import XCTest

/// A few protobuf bytes by hand, to craft exactly the malformation a test needs (also
/// used by FuzzRegressionTests).
struct ProtoBytes {
    var bytes: [UInt8] = []

    static func varint(_ value: UInt64) -> [UInt8] {
        var value = value, out: [UInt8] = []
        repeat {
            var byte = UInt8(value & 0x7F)
            value >>= 7
            if value != 0 { byte |= 0x80 }
            out.append(byte)
        } while value != 0
        return out
    }

    mutating func varint(_ field: UInt64, _ value: UInt64) {
        bytes += Self.varint(field << 3) + Self.varint(value)
    }

    mutating func message(_ field: UInt64, _ body: [UInt8]) {
        bytes += Self.varint(field << 3 | 2) + Self.varint(UInt64(body.count)) + body
    }

    mutating func string(_ field: UInt64, _ text: String) {
        message(field, Array(text.utf8))
    }

    static func build(_ body: (inout ProtoBytes) -> Void) -> [UInt8] {
        var proto = ProtoBytes()
        body(&proto)
        return proto.bytes
    }
}

final class ProfileDecoderTests: XCTestCase {
    /// string_table ["", "goroutine", "count", "main.f", "main.go"]; one function, one
    /// location, one sample of value 7.
    private func minimal(strings: [String] = ["", "goroutine", "count", "main.f", "main.go"],
                         sampleLocation: UInt64 = 1, values: [UInt64] = [7], functionName: UInt64 = 3,
                         packed: Bool = true) -> [UInt8] {
        ProtoBytes.build { p in
            p.message(1, ProtoBytes.build { $0.varint(1, 1); $0.varint(2, 2) })          // sample_type
            p.message(2, ProtoBytes.build { s in                                          // sample
                s.varint(1, sampleLocation)
                if packed {
                    s.message(2, values.flatMap(ProtoBytes.varint))
                } else {
                    for v in values { s.varint(2, v) }
                }
            })
            p.message(4, ProtoBytes.build { l in                                          // location
                l.varint(1, 1)
                l.varint(3, 0x401000)
                l.message(4, ProtoBytes.build { $0.varint(1, 1); $0.varint(2, 42) })
            })
            p.message(5, ProtoBytes.build { $0.varint(1, 1); $0.varint(2, functionName); $0.varint(4, 4) })  // function
            for s in strings { p.string(6, s) }
            p.message(99, [1, 2, 3])                                                       // unknown field
        }
    }

    func testMinimalProfileBothEncodings() throws {
        for packed in [true, false] {
            let profile = try ProfileReader.read(minimal(packed: packed), file: "min.pb")
            XCTAssertEqual(profile.sampleTypes, [ValueType(type: "goroutine", unit: "count")])
            XCTAssertEqual(profile.sampleCount, 1)
            XCTAssertEqual(profile.value(ofSample: 0, type: 0), 7)
            XCTAssertEqual(Array(profile.stack(ofSample: 0)), [0])
            XCTAssertEqual(profile.locations[0].lines, [ProfileLocation.Line(function: 0, line: 42)])
            XCTAssertEqual(profile.functions[0].name, "main.f")
            XCTAssertEqual(profile.functions[0].filename, "main.go")
        }
    }

    func testRealHeapProfile() throws {
        let path = Fixtures.recording("heapleak") + "/pprof/heap-20261128T073737664Z.pb.gz"
        let profile = try ProfileReader.load(path: path)
        XCTAssertEqual(profile.sampleTypes.map(\.description),
                       ["alloc_objects/count", "alloc_space/bytes", "inuse_objects/count", "inuse_space/bytes"])
        XCTAssertEqual(profile.defaultSampleTypeIndex, 3)
        XCTAssertEqual(profile.periodType, ValueType(type: "space", unit: "bytes"))
        XCTAssertEqual(profile.period, 524_288)
        // 2026-11-28 07:37:37 UTC, as go tool pprof prints.
        XCTAssertEqual(profile.timeNanos / 1_000_000_000, 1_795_851_457)
        // inuse_space adds up to what go tool pprof reports: 51,530,913 bytes.
        let inuse = (0..<profile.sampleCount).reduce(Int64(0)) { $0 + profile.value(ofSample: $1, type: 3) }
        XCTAssertEqual(inuse, 51_530_913)
        XCTAssertTrue(profile.functions.contains { $0.name == "main.FooHandler" && $0.filename == "/tmp/gobuild/main.go" })
    }

    func testMalformedProfilesNameFileAndOffset() {
        var longVarint = minimal()
        longVarint.insert(contentsOf: [0x08] + [UInt8](repeating: 0xFF, count: 10) + [0x01], at: 0)  // field 1 as a varint: 11 bytes
        let cases: [(String, [UInt8], String, String)] = [
            ("varint longer than 10 bytes", [0x48] + [UInt8](repeating: 0x80, count: 10) + [0x01], "byte 1", "varint longer than 10 bytes"),
            ("truncated varint", [0x48, 0x80, 0x80], "byte 1", "truncated varint"),
            ("length past the end", [0x32, 0x7F, 0x41], "byte 1", "length 127 runs past the end"),
            ("string index out of range", minimal(functionName: 9), "byte", "function 1's name is string index 9, past the 5-entry string table"),
            ("missing location", minimal(sampleLocation: 5), "byte 6", "sample 0 refers to location 5, which the profile does not have"),
            ("value count", minimal(values: [1, 2]), "byte 6", "sample 0 has 2 values but the profile has 1 sample types"),
            ("string_table[0]", minimal(strings: ["x", "goroutine", "count", "main.f", "main.go"]), "byte 0", "string_table[0] is \"x\""),
            ("wire type", [0x0B], "byte 0", "unsupported wire type 3"),
            ("wrong wire type for a known field", [0x49, 1, 2, 3, 4, 5, 6, 7, 8], "byte", "Profile field 9 has wire type 1, expected 0"),
        ]
        for (what, bytes, location, reason) in cases {
            XCTAssertThrowsError(try ProfileReader.read(bytes, file: "bad.pb"), what) { error in
                guard let error = error as? InputError else { return XCTFail("\(what): \(error)") }
                XCTAssertEqual(error.file, "bad.pb", what)
                XCTAssertTrue(error.location?.hasPrefix(location) == true, "\(what): \(String(describing: error.location))")
                XCTAssertTrue(error.reason.contains(reason), "\(what): \(error.reason)")
            }
        }
        XCTAssertThrowsError(try ProfileReader.read(longVarint, file: "bad.pb"))
    }

    func testBadFilesFailCleanly() {
        let folder = Fixtures.folder.appendingPathComponent("bad-profiles").path
        let cases: [(String, Int, String)] = [
            ("corrupt-gzip.pb.gz", ProfileReader.defaultMaximumBytes, "corrupt gzip stream"),
            ("truncated-gzip.pb.gz", ProfileReader.defaultMaximumBytes, "truncated gzip stream"),
            ("truncated-message.pb", ProfileReader.defaultMaximumBytes, "runs past the end"),
            ("zeros-10MiB.pb.gz", 1 << 20, "decompresses to more than 1 MiB"),
        ]
        for (name, limit, reason) in cases {
            let path = folder + "/" + name
            XCTAssertThrowsError(try ProfileReader.load(path: path, maximumBytes: limit), name) { error in
                let error = error as? InputError
                XCTAssertEqual(error?.file, path, name)
                XCTAssertTrue(error?.reason.contains(reason) == true, "\(name): \(String(describing: error))")
            }
        }
        XCTAssertThrowsError(try ProfileReader.read([], file: "empty.pb")) { error in
            XCTAssertEqual((error as? InputError)?.description, "empty.pb: the file is empty; expected a pprof profile")
        }
    }

    func testRandomBytesNeverTrap() {
        // Deterministic pseudo-random inputs, and every prefix of a real profile.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for length in [1, 2, 7, 64, 513, 4096] {
            for _ in 0..<50 {
                let bytes = (0..<length).map { _ -> UInt8 in
                    state = state &* 6364136223846793005 &+ 1442695040888963407
                    return UInt8(truncatingIfNeeded: state >> 56)
                }
                _ = try? ProfileReader.read(bytes, file: "random.pb")
            }
        }
        let real = minimal()
        for cut in 0..<real.count { _ = try? ProfileReader.read(Array(real[0..<cut]), file: "prefix.pb") }
    }
}

final class ProfileReaderFormatTests: XCTestCase {
    /// The same moment as proto, goroutine debug=1 and debug=2 reads through one entry
    /// point; the proto's first byte is printable (period_type, 0x5A), so the format is
    /// told by the whole first line.
    func testEveryFormThroughOneEntryPoint() throws {
        let folder = Fixtures.recording("goroutineleak") + "/pprof/"
        let proto = try ProfileReader.load(path: folder + "goroutine-20261128T073737712Z.pb.gz")
        XCTAssertEqual(proto.sampleTypes, [ValueType(type: "goroutine", unit: "count")])
        let dump = try ProfileReader.load(path: folder + "goroutine-20261128T073737712Z.debug2.txt")
        XCTAssertEqual(dump.sampleCount, 30_264)
        XCTAssertEqual(dump.goroutines?.count, 30_264)
        let heap = try ProfileReader.load(path: Fixtures.recording("heapleak") + "/pprof/heap-20261128T073737664Z.debug1.txt")
        XCTAssertEqual(heap.memStats?["HeapAlloc"], 77_310_504)
    }
}

/// Big profiles decode their samples on several cores; the joined result must be the
/// same as one pass, labels and errors included.
final class ProfileDecoderParallelTests: XCTestCase {
    private func bigProfile(samples: Int, badSample: Int? = nil, badFieldAfterSamples: Bool = false) -> [UInt8] {
        ProtoBytes.build { p in
            p.message(1, ProtoBytes.build { $0.varint(1, 1); $0.varint(2, 2) })
            for i in 0..<samples {
                p.message(2, ProtoBytes.build { s in
                    s.message(1, [1, UInt64(2 + i % 3)].flatMap(ProtoBytes.varint))
                    s.message(2, ProtoBytes.varint(UInt64(i)))
                    if i % 1000 == 7 { s.message(3, ProtoBytes.build { $0.varint(1, 3); $0.varint(2, 4) }) }
                    if i == badSample { s.bytes += [0x0B] }   // wire type 3
                })
            }
            if badFieldAfterSamples { p.bytes += [0x0F] }
            for id in 1...4 {
                p.message(4, ProtoBytes.build { l in
                    l.varint(1, UInt64(id))
                    l.message(4, ProtoBytes.build { $0.varint(1, 1); $0.varint(2, UInt64(id)) })
                })
            }
            p.message(5, ProtoBytes.build { $0.varint(1, 1); $0.varint(2, 3) })
            for s in ["", "objects", "count", "span", "hot"] { p.string(6, s) }
        }
    }

    func testManySamplesJoinInOrder() throws {
        let profile = try ProfileReader.read(bigProfile(samples: 50_000), file: "big.pb")
        XCTAssertEqual(profile.sampleCount, 50_000)
        for i in [0, 1, 24_999, 25_000, 25_001, 49_999] {
            XCTAssertEqual(profile.value(ofSample: i, type: 0), Int64(i), "sample \(i)")
            XCTAssertEqual(Array(profile.stack(ofSample: i)), [0, Int32(1 + i % 3)], "sample \(i)")
        }
        XCTAssertEqual(profile.sampleLabels.count, 50)
        XCTAssertEqual(profile.sampleLabels[49_007], [ProfileLabel(key: "span", string: "hot")])
        XCTAssertNil(profile.sampleLabels[49_008])
    }

    func testTheEarliestBadSampleIsReported() {
        let bytes = bigProfile(samples: 50_000, badSample: 40_000, badFieldAfterSamples: true)
        XCTAssertThrowsError(try ProfileReader.read(bytes, file: "big.pb")) { error in
            let error = error as? InputError
            XCTAssertTrue(error?.reason.contains("unsupported wire type 3") == true, "\(String(describing: error))")
            // The bad sample, not the bad top-level field after it.
            let offset = Int(error?.location?.dropFirst("byte ".count) ?? "") ?? 0
            XCTAssertLessThan(offset, bytes.count - 100)
        }
        XCTAssertThrowsError(try ProfileReader.read(bigProfile(samples: 50_000, badFieldAfterSamples: true), file: "big.pb")) { error in
            XCTAssertTrue((error as? InputError)?.reason.contains("unsupported wire type 7") == true, "\(error)")
        }
    }

    /// Many samples are decoded in parallel chunks, with location ids made indices as
    /// they are read: an unknown id deep in a later chunk is still reported for its own
    /// sample, and the good samples resolve to the right locations.
    func testLocationsOfManySamplesAndAnUnknownOneInALaterChunk() throws {
        func profile(badSample: Int?) -> [UInt8] {
            ProtoBytes.build { p in
                p.message(1, ProtoBytes.build { $0.varint(1, 1); $0.varint(2, 2) })
                for sample in 0..<30_000 {
                    p.message(2, ProtoBytes.build { s in
                        // Leaf first: location 1 or 2 (ids), then 3.
                        let ids: [UInt64] = sample == badSample ? [1, 9, 3] : [UInt64(1 + sample % 2), 3]
                        s.message(1, ids.flatMap(ProtoBytes.varint))
                        s.message(2, ProtoBytes.varint(UInt64(sample)))
                    })
                }
                for id in [3, 1, 2] as [UInt64] {  // not in id order: indices 0, 1, 2
                    p.message(4, ProtoBytes.build { l in
                        l.varint(1, id)
                        l.message(4, ProtoBytes.build { $0.varint(1, 1); $0.varint(2, 42) })
                    })
                }
                p.message(5, ProtoBytes.build { $0.varint(1, 1); $0.varint(2, 3); $0.varint(4, 4) })
                for s in ["", "goroutine", "count", "main.f", "main.go"] { p.string(6, s) }
            }
        }
        let good = try ProfileReader.read(profile(badSample: nil), file: "many.pb")
        XCTAssertEqual(good.sampleCount, 30_000)
        // Loaded from a file, the bytes are released while decoding; the result is the same.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("many-\(UUID().uuidString).pb").path
        try Data(profile(badSample: nil)).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertEqual(try ProfileReader.load(path: path), good)
        XCTAssertEqual(Array(good.stack(ofSample: 0)), [1, 0])
        XCTAssertEqual(Array(good.stack(ofSample: 29_999)), [2, 0])
        XCTAssertEqual(good.value(ofSample: 29_999, type: 0), 29_999)
        XCTAssertThrowsError(try ProfileReader.read(profile(badSample: 27_123), file: "many.pb")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("sample 27123 refers to location 9, which the profile does not have"), text)
        }
    }
}
