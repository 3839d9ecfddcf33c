import Capture
import XCTest

final class EndpointLedgerTests: XCTestCase {
    func testFailuresAreCountedByKindWithFirstAndLastTimes() {
        var ledger = EndpointLedger()
        ledger.answered(.metrics, bytes: 100)
        ledger.failed(.metrics, .timeout, at: 10)
        ledger.failed(.metrics, .timeout, at: 20)
        ledger.failed(.metrics, .status(500), at: 30)
        let entry = ledger.entry(.metrics)
        XCTAssertEqual(entry.requests, 4)
        XCTAssertEqual(entry.answers, 1)
        XCTAssertEqual(entry.failures["timeout"], EndpointLedger.FailureCount(count: 2, first: 10, last: 20, message: "no answer within the timeout"))
        XCTAssertEqual(entry.failures["http-500"]?.count, 1)
        XCTAssertEqual(ledger.failureCount, 3)
        XCTAssertFalse(ledger.isAbsent(.metrics))
    }

    func testA404MarksTheEndpointAbsentOnce() {
        var ledger = EndpointLedger()
        XCTAssertTrue(ledger.failed(.expvar, .status(404), at: 1))
        XCTAssertFalse(ledger.failed(.expvar, .status(404), at: 2), "said once")
        XCTAssertTrue(ledger.isAbsent(.expvar))
        XCTAssertFalse(ledger.isAbsent(.metrics))
    }

    func testAGoroutineLeak404IsAbsenceNotAFailure() {
        var ledger = EndpointLedger()
        XCTAssertTrue(ledger.failed(.goroutineLeakProfile, .status(404), at: 1))
        XCTAssertTrue(ledger.isAbsent(.goroutineLeakProfile))
        XCTAssertEqual(ledger.entry(.goroutineLeakProfile).requests, 1)
        XCTAssertEqual(ledger.failureCount, 0, "Go before 1.27 does not serve it: nothing went wrong")
        ledger.failed(.goroutineLeakProfile, .status(500), at: 2)
        XCTAssertEqual(ledger.failureCount, 1, "other answers still count")
    }
}
