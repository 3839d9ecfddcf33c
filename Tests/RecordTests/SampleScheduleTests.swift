import Capture
import XCTest

final class SampleScheduleTests: XCTestCase {
    func testSlotsAreMultiplesOfTheIntervalFromTheStart() {
        let schedule = SampleSchedule(start: 1000, interval: 10, duration: 1800)
        XCTAssertEqual(schedule.lastSlot, 180)
        XCTAssertEqual(schedule.time(ofSlot: 7), 1070)
        XCTAssertEqual(schedule.end, 2800)
    }

    func testAPartialLastIntervalIsNotRecorded() {
        XCTAssertEqual(SampleSchedule(start: 0, interval: 10, duration: 25).lastSlot, 2)
        XCTAssertEqual(SampleSchedule(start: 0, interval: 0.1, duration: 0.3).lastSlot, 3)
    }

    func testASlightlyLateSampleKeepsItsSlot() {
        let schedule = SampleSchedule(start: 0, interval: 10, duration: nil)
        // Sample 3 ended at 39.5 s: slot 4 (40 s) is still ahead.
        XCTAssertEqual(schedule.next(after: 3, now: 39.5)?.slot, 4)
        XCTAssertEqual(schedule.next(after: 3, now: 39.5)?.missed, 0)
        // 0.5 s into slot 4's time: it is taken, late.
        XCTAssertEqual(schedule.next(after: 3, now: 40.5)?.slot, 4)
    }

    func testOverrunSlotsAreMissedNotShifted() {
        let schedule = SampleSchedule(start: 0, interval: 10, duration: nil)
        // Sample 3 took until 65 s: slots 4 and 5 are gone, 6 (60 s) is half an interval late.
        let next = schedule.next(after: 3, now: 65)
        XCTAssertEqual(next?.slot, 7)
        XCTAssertEqual(next?.missed, 3)
        XCTAssertEqual(schedule.time(ofSlot: 7), 70, "later samples stay on the grid")
    }

    func testTheScheduleEndsAfterItsLastSlot() {
        let schedule = SampleSchedule(start: 0, interval: 1, duration: 20)
        XCTAssertEqual(schedule.next(after: 19, now: 19.2)?.slot, 20)
        XCTAssertNil(schedule.next(after: 20, now: 20.1))
        XCTAssertNil(schedule.next(after: 17, now: 25), "an overrun past the end ends the recording")
    }
}
