import Capture
import XCTest

final class UTCStampTests: XCTestCase {
    func testStampsAreTheLayoutsMillisecondUTC() {
        // The first scrape of the shared heapleak recording.
        XCTAssertEqual(UTCStamp.fileStamp(1_795_851_162.614), "20261128T073242614Z")
        XCTAssertEqual(UTCStamp.rfc3339(1_795_851_162.614), "2026-11-28T07:32:42.614Z")
    }

    func testMillisecondsRoundDownAcrossADayAndALeapYear() {
        XCTAssertEqual(UTCStamp.fileStamp(951_868_799.9999), "20000229T235959999Z")
        XCTAssertEqual(UTCStamp.rfc3339(0), "1970-01-01T00:00:00.000Z")
    }
}
