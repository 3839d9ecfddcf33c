@testable import Analysis
import XCTest

/// `RankedBits` replaced a stored 4-byte rank per frame in `CallTreeBuilder`: its ranks
/// must equal a plain count at every position, across word boundaries.
final class RankedBitsTests: XCTestCase {
    func testRankEqualsAPlainCountAtEveryPosition() {
        let count = 300
        // Set bits in an irregular pattern that crosses word boundaries, and both ends.
        let set = (0..<count).filter { $0 % 7 == 0 || $0 % 11 == 3 || $0 == 63 || $0 == 64 || $0 == count - 1 }
        var bits = RankedBits(count: count)
        for position in set.reversed() { bits.set(position) }
        bits.finish()
        var expected = 0
        for position in 0...count {
            XCTAssertEqual(bits.rank(before: position), expected, "rank before \(position)")
            if position < count {
                XCTAssertEqual(bits[position], set.contains(position), "bit \(position)")
                if set.contains(position) { expected += 1 }
            }
        }
        XCTAssertEqual(bits.rank(before: count), set.count)
    }

    func testEmptyAndAllSet() {
        var empty = RankedBits(count: 0)
        empty.finish()
        XCTAssertEqual(empty.rank(before: 0), 0)
        var full = RankedBits(count: 128)
        for position in 0..<128 { full.set(position) }
        full.finish()
        XCTAssertEqual(full.rank(before: 64), 64)
        XCTAssertEqual(full.rank(before: 100), 100)
        XCTAssertEqual(full.rank(before: 128), 128)
    }
}
