import Ingest
import MemoryModel
import TestSupport
import XCTest

/// The packed sample store: elements read back as written, in the narrowest width that
/// holds them, and a real profile decodes into the narrow widths.
final class PackedIntegersTests: XCTestCase {
    func testElementsReadBackInTheNarrowestWidthThatHoldsThem() {
        var frames = PackedIntegers<Int32>()
        frames.append(contentsOf: [0, 7, 65_535])
        XCTAssertEqual(frames.bytesPerElement, 2)
        frames.append(65_536)
        XCTAssertEqual(frames.bytesPerElement, 4, "one element past 2 bytes widens the whole array")
        frames.append(-1)
        XCTAssertEqual(Array(frames), [0, 7, 65_535, 65_536, -1])

        var values = PackedIntegers<Int64>([1, 2, 3])
        XCTAssertEqual(values.bytesPerElement, 2)
        values.append(Int64(Int32.max) + 1)
        XCTAssertEqual(values.bytesPerElement, 8)
        values.append(.min)
        XCTAssertEqual(Array(values), [1, 2, 3, Int64(Int32.max) + 1, .min])
        XCTAssertEqual(PackedIntegers<Int64>([-5]).bytesPerElement, 4, "negative values need the signed width")
    }

    func testEqualityComparesElementsNotWidths() {
        var wide = PackedIntegers<Int64>([70_000])
        wide.append(contentsOf: PackedIntegers<Int64>([1, 2]))
        XCTAssertEqual(wide.bytesPerElement, 4)
        XCTAssertEqual(Array(wide), [70_000, 1, 2])
        XCTAssertNotEqual(wide, PackedIntegers<Int64>([70_000, 1]))
        var narrowFirst = PackedIntegers<Int64>()
        narrowFirst.append(contentsOf: [70_000, 1, 2])
        XCTAssertEqual(narrowFirst, wide, "one append of all three, or a wide one then two narrow")
    }

    func testWideningKeepsTheReservedCapacity() {
        var values = PackedIntegers<Int64>()
        values.reserveCapacity(10_000)
        values.append(1)
        values.append(1 << 40)
        guard case .wide(let array) = values.storage else { return XCTFail("expected 8-byte storage") }
        XCTAssertGreaterThanOrEqual(array.capacity, 10_000)
    }

    /// A real heap profile (Go 1.19, 4 sample types): frames fit 2 bytes, and values,
    /// whose byte sizes pass 65,535, take 4, where they took 4 and 8 before.
    func testARealHeapProfileDecodesNarrow() throws {
        let path = Fixtures.folder.appendingPathComponent("recordings/heapleak/pprof/heap-20261128T073737664Z.pb.gz").path
        let profile = try ProfileReader.load(path: path)
        XCTAssertEqual(profile.stackLocations.bytesPerElement, 2)
        XCTAssertEqual(profile.values.bytesPerElement, 4)
        XCTAssertEqual(profile.values.count, profile.sampleCount * 4)
        XCTAssertGreaterThan(profile.values.max() ?? 0, 65_535)
    }
}
