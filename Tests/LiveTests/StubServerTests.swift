import Analysis
import Foundation
import TestSupport
import XCTest

/// What a real Prometheus cannot show, against a loopback stub: the bearer token and
/// `X-Scope-OrgID` arrive, 503s are retried, 4xx are not, timeouts end in "cannot reach".
final class StubServerTests: XCTestCase {
    private var stub: PrometheusStub!
    private var folder: URL!

    override func setUp() { folder = Fixtures.temporaryFolder() }

    override func tearDown() {
        stub?.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    private func report(_ stub: PrometheusStub, _ extra: [String] = [], environment: [String: String] = [:]) throws -> CommandResult {
        try CommandRunner.run(["report", "--prometheus", stub.url + "/tenant-prefix/", "--selector", "{job=\"stub\"}", "--since", "2026-11-28T07:00:00Z",
                               "--until", "2026-11-28T08:00:00Z", "-o", folder.appendingPathComponent("x.html").path] + extra,
                              environment: environment)
    }

    func testRetriesAfter503AndSendsTokenAndTenant() throws {
        stub = try PrometheusStub(mode: "fail-first", count: 2)
        let result = try report(stub, ["--header", "X-Scope-OrgID: team-a"], environment: ["GOMEMREPORT_PROMETHEUS_TOKEN": "tok-51d"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let requests = stub.requests
        // One query per name, two of them sent again after a 503.
        XCTAssertEqual(requests.count, ReportedSeriesNames.exported.count + 2)
        XCTAssertEqual(Set(requests.map { $0.form["query"] ?? "" }), Set(ReportedSeriesNames.exported.map { "\($0){job=\"stub\"}" }))
        for request in requests {
            XCTAssertEqual(request.method, "POST")
            XCTAssertEqual(request.path, "/tenant-prefix/api/v1/query_range")
            XCTAssertEqual(request.headers["authorization"], "Bearer tok-51d")
            XCTAssertEqual(request.headers["x-scope-orgid"], "team-a")
            XCTAssertEqual(request.headers["content-type"], "application/x-www-form-urlencoded")
            XCTAssertEqual(request.headers["user-agent"], "gomemreport/0.1.0")
            XCTAssertEqual(request.form["start"], "1795849200.000")
            XCTAssertEqual(request.form["end"], "1795852800.000")
            // --step auto: an hour in 2 s steps (1,801 points).
            XCTAssertEqual(request.form["step"], "2")
        }
        XCTAssertFalse(result.stderr.contains("tok-51d"))
    }

    func testGivesUpAfterThreeAttempts() throws {
        stub = try PrometheusStub(mode: "fail-first", count: 1000)
        let result = try report(stub)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.hasPrefix("gomemreport: \(stub.url)/tenant-prefix/api/v1/query_range answered 503 Service Unavailable to go_"), result.stderr)
        XCTAssertTrue(result.stderr.hasSuffix(" times: unavailable: stub is warming up; the server (or a proxy before it) is down or overloaded, try again later\n"), result.stderr)
        let attempts = Dictionary(grouping: stub.requests, by: { $0.form["query"] ?? "" }).mapValues(\.count)
        XCTAssertEqual(attempts.values.max(), 3)
        // After the first failure no further query starts: at most four were in flight.
        XCTAssertLessThanOrEqual(attempts.count, 4)
    }

    func testClientErrorsAreNotRetried() throws {
        stub = try PrometheusStub(mode: "status", count: 400)
        let result = try report(stub)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains(" with 400 Bad Request (stub): stub answered 400\n"), result.stderr)
        let attempts = Dictionary(grouping: stub.requests, by: { $0.form["query"] ?? "" }).mapValues(\.count)
        XCTAssertEqual(attempts.values.max(), 1)
    }

    /// An answer announced larger than the cap is refused from its Content-Length;
    /// (the real server's gzipped answers are counted as they arrive instead).
    func testAnnouncedSizeOverTheCap() throws {
        stub = try PrometheusStub(mode: "big", count: 2_000_000)
        let result = try report(stub, ["--max-response-bytes", "100000"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.hasSuffix(" is larger than --max-response-bytes 100000: raise --max-response-bytes, or use a larger --step or a shorter window\n"), result.stderr)
        let small = try report(stub, ["--max-response-bytes", "3000000"])
        XCTAssertEqual(small.status, 1)
        XCTAssertTrue(small.stderr.contains("no Go memory series matched {job=\"stub\"}"), small.stderr)
    }

    func testTimeoutsEndInCannotReach() throws {
        stub = try PrometheusStub(mode: "hang")
        let started = Date()
        let result = try report(stub, ["--timeout", "0.5"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "gomemreport: cannot reach \(stub.url)/tenant-prefix/api/v1/query_range (no answer within the timeout, 3 attempts): check --prometheus and that the server is up\n")
        // Three tries of 0.5 s with 0.5 s and 1 s between them.
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
    }
}
