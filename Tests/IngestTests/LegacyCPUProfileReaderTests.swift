import Foundation
import Ingest
import MemoryModel
import TestSupport
import XCTest

/// The legacy forms `go tool pprof` reads that no Go since 1.11 writes: the gperftools
/// binary CPU profile (Go before 1.9) and the `debug=0` heap text without `#` lines,
/// from google/pprof's testdata (Tests/Fixtures/real-profiles/google-pprof), sample by
/// sample against `go tool pprof -raw` (Tests/Fixtures/real-profiles-top/*.raw).
final class LegacyCPUProfileReaderTests: XCTestCase {
    private static let corpus = Fixtures.folder.appendingPathComponent("real-profiles/google-pprof").path
    private static let reference = Fixtures.folder.appendingPathComponent("real-profiles-top").path

    /// The samples as `pprof -raw` lists them: those with the same stack and `bytes`
    /// label merged (values summed) in order of first appearance; all-zero ones and
    /// those with no stack left out (-raw does not list them, though `-top` counts the
    /// latter in its total: gobench.heap's 524432 B of "93.21% of 7721316B").
    private func samples(_ profile: Profile) -> [PprofRawReference.Sample] {
        var merged: [PprofRawReference.Sample] = []
        var position: [[UInt64]: Int] = [:]
        for index in 0..<profile.sampleCount {
            let values = (0..<profile.sampleTypes.count).map { profile.value(ofSample: index, type: $0) }
            if values.allSatisfy({ $0 == 0 }) { continue }
            let label = index < profile.sampleLabels.count ? profile.sampleLabels[index]?.first { $0.key == "bytes" }?.number : nil
            let addresses = profile.stack(ofSample: index).map { profile.locations[Int($0)].address }
            if addresses.isEmpty { continue }
            let key = addresses + [label.map { UInt64(bitPattern: $0) } ?? UInt64.max]
            if let at = position[key] {
                merged[at].values = zip(merged[at].values, values).map { $0 + $1 }
            } else {
                position[key] = merged.count
                merged.append(.init(values: values, addresses: addresses, bytesLabel: label))
            }
        }
        return merged
    }

    func testCPUProfilesEqualPprofRawSampleBySample() throws {
        // (file, samples, first sample's values and stack, as pprof -raw lists them)
        let expected: [(String, Int, PprofRawReference.Sample)] = [
            ("gobench.cpu", 153, .init(values: [1, 10_000_000], addresses: [0x410bc0, 0x41a770], bytesLabel: nil)),
            ("go.crc32.cpu", 7, .init(values: [17, 170_000_000], addresses: [], bytesLabel: nil)),
        ]
        for (name, count, first) in expected {
            let path = "\(Self.corpus)/profile__testdata__\(name)"
            let profile = try ProfileReader.load(path: path)
            let raw = try PprofRawReference(path: "\(Self.reference)/profile__testdata__\(name).raw")
            XCTAssertEqual(profile.sampleTypes.map(\.description), ["samples/count", "cpu/nanoseconds"], name)
            XCTAssertEqual(profile.defaultSampleType, "cpu", name)
            XCTAssertEqual(profile.periodType, ValueType(type: "cpu", unit: "nanoseconds"), name)
            XCTAssertEqual(profile.period, 10_000_000, name)
            XCTAssertEqual(profile.period, raw.period, name)
            XCTAssertEqual(samples(profile).count, count, name)
            XCTAssertEqual(samples(profile), raw.samples, name)
            XCTAssertEqual(samples(profile).first?.values, first.values, name)
            if !first.addresses.isEmpty { XCTAssertEqual(samples(profile).first?.addresses, first.addresses, name) }
        }
    }

    func testSignalHandlerFramesAreRemovedAsPprofDoes() throws {
        // 32 records whose second PC is the same (the signal handler's frame), and one
        // whose second PC repeats its leaf (the handler's duplicate, which the −1 adjustment
        // of return addresses turns into leaf − 1).
        var words: [UInt64] = [0, 3, 0, 10_000, 0]
        for index in 0..<32 as Range<UInt64> { words += [1, 3, 0x1000 + index, 0xdead, 0x2001 + index] }
        words += [2, 3, 0x500, 0x500, 0x601]
        words += [0, 1, 0]
        let bytes = words.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } }
        let profile = try ProfileReader.read(bytes, file: "signal.cpu")
        let stacks = (0..<profile.sampleCount).map { profile.stack(ofSample: $0).map { profile.locations[Int($0)].address } }
        XCTAssertEqual(stacks.count, 33)
        XCTAssertEqual(stacks[0], [0x1000, 0x2000])
        XCTAssertEqual(stacks[31], [0x101f, 0x201f])
        XCTAssertEqual(stacks[32], [0x500, 0x600])
        XCTAssertEqual(profile.period, 10_000_000)
        XCTAssertEqual(profile.value(ofSample: 32, type: 1), 20_000_000)
    }

    func testPreGo111HeapTextIgnoresItsHeaderTotalsAsPprofDoes() throws {
        // gobench.heap's header says 1: 7720560 [1: 7720560]; its records sum to other
        // figures. pprof ignores the header, so values, stacks and labels equal -raw's.
        let path = "\(Self.corpus)/profile__testdata__gobench.heap"
        let profile = try ProfileReader.load(path: path)
        let raw = try PprofRawReference(path: "\(Self.reference)/profile__testdata__gobench.heap.raw")
        XCTAssertEqual(profile.period, raw.period)
        XCTAssertEqual(samples(profile), raw.samples)
        XCTAssertEqual(raw.samples.count, 14)
    }

    func testTruncatedAndJavaProfilesAreRefusedWithTheByteOffset() throws {
        let bytes = Fixtures.bytes("\(Self.corpus)/profile__testdata__gobench.cpu")
        // The header is 5 words of 8 bytes; the first record starts at byte 40.
        let cut = Array(bytes.prefix(40 + 8 * 3))  // count 1, depth 2, one of two PCs
        XCTAssertThrowsError(try ProfileReader.read(cut, file: "cut.cpu")) { error in
            XCTAssertEqual("\(error)", "cut.cpu: byte 40: a record of 2 addresses runs past the end of the file; it looks truncated")
        }
        var java = Array(bytes.prefix(40))
        java[16] = 1  // third header word: 1 is a Java profile
        XCTAssertThrowsError(try ProfileReader.read(java, file: "java.cpu")) { error in
            XCTAssertEqual("\(error)", "java.cpu: byte 16: a Java CPU profile (legacy profilez); gomemreport reads Go profiles")
        }
    }
}
