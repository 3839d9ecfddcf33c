import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif
import TestSupport
import XCTest

/// The Go service the record tests record, and the listener that never answers: they
/// serve what a recorder expects, misbehave where asked, and end when told.
final class GoServiceTests: XCTestCase {
    private func get(_ service: RunningGoService, _ path: String, timeout: TimeInterval = 5) -> HTTPFetch.Result {
        HTTPFetch.get(URL(string: service.url.absoluteString + path)!, timeout: timeout)
    }

    private func goroutines(_ metrics: String) -> Double? {
        for line in metrics.split(separator: "\n") where line.hasPrefix("go_goroutines ") {
            return Double(line.dropFirst("go_goroutines ".count))
        }
        return nil
    }

    func testServesMetricsVarsAndProfilesThenStops() throws {
        let service = try GoService.start(scenario: "worker-leak")
        defer { service.stop() }
        XCTAssertEqual(service.url.host, "127.0.0.1")
        XCTAssertNotNil(service.url.port)
        XCTAssertTrue(service.isRunning)

        let metrics = get(service, "/metrics")
        XCTAssertEqual(metrics.status, 200, "\(String(describing: metrics.error))")
        XCTAssertEqual(metrics.headers["content-type"], "text/plain; version=0.0.4; charset=utf-8")
        XCTAssertTrue(metrics.text.contains("\ngo_memory_classes_heap_objects_bytes "), metrics.text.prefix(300).description)
        XCTAssertNotNil(goroutines(metrics.text))
        XCTAssertTrue(metrics.text.contains("\nprocess_resident_memory_bytes "))

        let vars = get(service, "/debug/vars")
        XCTAssertEqual(vars.status, 200)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: vars.body) as? [String: Any], vars.text)
        let memstats = try XCTUnwrap(json["memstats"] as? [String: Any])
        XCTAssertNotNil(memstats["HeapAlloc"])
        XCTAssertNotNil(json["cmdline"] as? [Any])

        let heap = get(service, "/debug/pprof/heap")
        XCTAssertEqual(heap.status, 200)
        XCTAssertEqual(Array(heap.body.prefix(2)), [0x1f, 0x8b], "a gzipped profile")
        // The first jobs reach (*Dispatcher).process only after the load generator's first tick,
        // and a CI machine can serve the dump before that: ask again until they show, for 5 s at most.
        var dump = get(service, "/debug/pprof/goroutine?debug=2")
        let deadline = Date().addingTimeInterval(5)
        while dump.status == 200, !dump.text.contains("main.(*Dispatcher).process"), Date() < deadline {
            usleep(100_000)
            dump = get(service, "/debug/pprof/goroutine?debug=2")
        }
        XCTAssertEqual(dump.status, 200)
        XCTAssertTrue(dump.text.contains("main.(*Dispatcher).process"), "the leaking goroutines are in the dump")
        XCTAssertTrue(dump.text.contains("[select"))
        let heapText = get(service, "/debug/pprof/heap?debug=1")
        XCTAssertTrue(heapText.text.hasPrefix("heap profile: "), heapText.text.prefix(100).description)

        let broken = get(service, "/broken/metrics")
        XCTAssertEqual(broken.status, 500)
        XCTAssertFalse(broken.text.isEmpty)
        XCTAssertEqual(get(service, "/nope").status, 404)
        XCTAssertEqual(get(service, "/debug/pprof/nope").status, 404)

        let pid = service.pid
        XCTAssertEqual(kill(pid, 0), 0, "running before stop")
        service.stop()
        XCTAssertFalse(service.isRunning)
        XCTAssertEqual(service.exitStatus, 0, "SIGTERM ends it cleanly: \(service.log)")
        let probe = kill(pid, 0), reason = errno
        XCTAssertEqual(probe, -1, "stopped and reaped")
        XCTAssertEqual(reason, ESRCH)
        service.stop()  // idempotent
        XCTAssertNotEqual(get(service, "/metrics", timeout: 2).status, 200)
    }

    /// The record tests rely on a leak that a 20 s recording shows clearly.
    func testGoroutinesLeakFast() throws {
        let service = try GoService.start(scenario: "worker-leak")
        defer { service.stop() }
        let before = try XCTUnwrap(goroutines(get(service, "/metrics").text))
        Thread.sleep(forTimeInterval: 2)
        let after = try XCTUnwrap(goroutines(get(service, "/metrics").text))
        XCTAssertGreaterThan(after - before, 50, "40 goroutines/s: \(before) → \(after)")
    }

    func testSlowMetricsNeverAnswers() throws {
        let service = try GoService.start(scenario: "worker-leak")
        defer { service.stop() }
        let started = Date()
        let slow = get(service, "/slow/metrics", timeout: 1)
        XCTAssertNil(slow.status)
        XCTAssertEqual((slow.error as? URLError)?.code, .timedOut, "\(String(describing: slow.error))")
        XCTAssertLessThan(Date().timeIntervalSince(started), 4)
    }

    func testKillEndsTheServiceAtOnce() throws {
        let service = try GoService.start(scenario: "worker-leak")
        let pid = service.pid
        service.kill()
        XCTAssertFalse(service.isRunning)
        XCTAssertEqual(kill(pid, 0), -1, "killed and reaped")
        let refused = get(service, "/metrics", timeout: 2)
        XCTAssertNil(refused.status)
        XCTAssertNotNil(refused.error)
        service.stop()  // after kill: nothing left to do
    }

    func testHangingListenerTimesOut() throws {
        let listener = try HangingListener()
        defer { listener.close() }
        XCTAssertGreaterThan(listener.port, 0)
        let started = Date()
        let result = HTTPFetch.get(listener.url.appendingPathComponent("metrics"), timeout: 1)
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertNil(result.status)
        XCTAssertEqual((result.error as? URLError)?.code, .timedOut, "\(String(describing: result.error))")
        XCTAssertGreaterThanOrEqual(elapsed, 0.9)
        XCTAssertLessThan(elapsed, 4)
    }

    func testMissingScenarioFailsWithWhatTheServicePrinted() {
        XCTAssertThrowsError(try GoService.start(scenario: "no-such-scenario")) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains("no-such-scenario"), text)
            XCTAssertTrue(text.contains("-scenario"), "the usage it printed: \(text)")
            XCTAssertTrue(text.contains("exited with status 2"), text)
        }
    }
}
