import Foundation
import TestSupport
import XCTest

/// A Prometheus that refuses big queries (`--query.max-samples=20`) and warns on every
/// answer (its remote-read store is a closed port): the server's own words reach the user.
final class LimitedPrometheusTests: PrometheusTestCase {
    /// Held open for the whole run, so no server of another test can take the port.
    nonisolated(unsafe) static let remoteRead = try? ClosedPort()
    static var closedPort: Int { remoteRead?.port ?? 1 }

    override class var settings: PrometheusServer.Settings {
        PrometheusServer.Settings(
            flags: ["--query.max-samples=20"],
            configuration: "remote_read:\n  - url: http://127.0.0.1:\(closedPort)/api/v1/read\n    read_recent: true\n")
    }

    func testExecutionErrorIsShownVerbatim() throws {
        let result = try live(Self.window + ["-o", path("x.html"), "--json", path("x.json")])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.hasPrefix("gomemreport: \(server.url)/api/v1/query_range refused go_"), result.stderr)
        XCTAssertTrue(result.stderr.hasSuffix(" with 422 Unprocessable Entity (execution): query processing would load too many samples into memory in query execution\n"), result.stderr)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }

    /// Eleven steps stay under the limit; the warning, the same on every answer, is shown once.
    func testWarningsArePassedOnOnce() throws {
        let result = try live(["--since", "2026-11-28T07:32:45.114Z", "--until", "2026-11-28T07:33:35.114Z", "--step", "5s", "-o", path("x.html")])
        XCTAssertEqual(result.status, 0, result.stderr)
        let warning = "gomemreport: warning: \(server.url) said: remote_read: error sending request: Post \"http://127.0.0.1:\(Self.closedPort)/api/v1/read\": dial tcp 127.0.0.1:\(Self.closedPort): connect: connection refused"
        XCTAssertEqual(result.stderr.split(separator: "\n").filter { $0.contains("warning:") }, [Substring(warning)], result.stderr)
    }
}
