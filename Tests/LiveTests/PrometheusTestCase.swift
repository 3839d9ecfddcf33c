import Foundation
import TestSupport
import XCTest

/// A test class with one real Prometheus for all its tests, started in the class's
/// `setUp` and stopped in its `tearDown`. A server that cannot start fails every test
/// of the class with the reason (what to install), never skips it.
class PrometheusTestCase: XCTestCase {
    /// How subclasses want their server.
    class var settings: PrometheusServer.Settings { PrometheusServer.Settings() }

    nonisolated(unsafe) private static var servers: [ObjectIdentifier: Result<PrometheusServer, Error>] = [:]

    override class func setUp() {
        super.setUp()
        servers[ObjectIdentifier(self)] = Result { try PrometheusServer(settings) }
    }

    override class func tearDown() {
        if case .success(let server) = servers.removeValue(forKey: ObjectIdentifier(self)) { server.stop() }
        super.tearDown()
    }

    var server: PrometheusServer!
    /// A fresh folder for the test's outputs.
    var folder: URL!

    override func setUpWithError() throws {
        try super.setUpWithError()
        folder = Fixtures.temporaryFolder()
        switch Self.servers[ObjectIdentifier(type(of: self))] {
        case .success(let running): server = running
        case .failure(let error):
            XCTFail("cannot run the live tests: \(error)")
            throw error
        case nil:
            throw LiveTestSetupError("the class's server was not set up")
        }
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: folder)
        super.tearDown()
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// The recording's whole time span at 5 s steps, each step 2.5 s after a scrape, so
    /// each step's "latest sample at or before" is one scrape, a different one each time.
    static let window = ["--since", "2026-11-28T07:32:45.114Z", "--until", "2026-11-28T07:37:35.114Z", "--step", "5s"]

    /// Go memory at the last scrape (07:37:32.663): go_memory_classes_total_bytes
    /// 115,458,328 − go_memory_classes_heap_released_bytes 2,097,152.
    static let lastGoMemory = 113_361_176

    /// `gomemreport report --prometheus <server> --selector {job=…,instance=…} …`.
    func live(_ arguments: [String], selector: String? = nil, environment: [String: String] = [:]) throws -> CommandResult {
        let labels = selector ?? "{job=\"\(PrometheusServer.job)\",instance=\"\(PrometheusServer.instance)\"}"
        return try CommandRunner.run(["report", "--prometheus", server.url, "--selector", labels] + arguments, environment: environment)
    }

    func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any] ?? [:]
    }
}
