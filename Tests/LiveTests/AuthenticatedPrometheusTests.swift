import Foundation
import TestSupport
import XCTest

/// A Prometheus behind basic auth (`--web.config.file` with `basic_auth_users`): 401s
/// get a clear message, and `--header 'Authorization: Basic …'` gets in.
final class AuthenticatedPrometheusTests: PrometheusTestCase {
    /// bcrypt of "secret" (cost 4, so checking it is quick), made once with
    /// python3 -c 'import crypt; print(crypt.crypt("secret", crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)))'
    static let passwordHash = "$2b$04$4qH5pX4hmrfgSUl.uq2SMOlk85704mmaQwHSmTyG6a5fd0Rp16oqS"
    static let goodCredentials = "Basic " + Data("gomemreport:secret".utf8).base64EncodedString()

    override class var settings: PrometheusServer.Settings {
        PrometheusServer.Settings(webConfiguration: "basic_auth_users:\n  gomemreport: \(passwordHash)\n",
                                  readyHeaders: ["Authorization": goodCredentials])
    }

    private var unauthorized: String {
        "gomemreport: \(server.url)/api/v1/query_range answered 401 Unauthorized: set GOMEMREPORT_PROMETHEUS_TOKEN, or check the token or --header\n"
    }

    func testNoCredentials() throws {
        let result = try live(Self.window + ["-o", path("x.html")])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, unauthorized)
    }

    func testWrongCredentials() throws {
        let wrong = "Basic " + Data("gomemreport:guess".utf8).base64EncodedString()
        let header = try live(Self.window + ["--header", "Authorization: \(wrong)", "-o", path("x.html")])
        XCTAssertEqual(header.status, 1)
        XCTAssertEqual(header.stderr, unauthorized)
        let token = try live(Self.window + ["-o", path("x.html")], environment: ["GOMEMREPORT_PROMETHEUS_TOKEN": "not-a-password"])
        XCTAssertEqual(token.status, 1)
        XCTAssertEqual(token.stderr, unauthorized)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }

    func testHeaderWithTheRightCredentials() throws {
        let result = try live(Self.window + ["--header", "Authorization: \(Self.goodCredentials)", "-o", path("x.html"), "--json", path("x.json")])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual((try json(path("x.json"))["last"] as? [String: Any])?["go_total_bytes"] as? Int, Self.lastGoMemory)
    }
}
