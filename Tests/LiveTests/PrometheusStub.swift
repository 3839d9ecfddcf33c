import Foundation
import TestSupport

/// `Tests/Fixtures/live/prometheus_stub.py` on a free loopback port: a stand-in for
/// what a real Prometheus cannot show (503s before an answer, the headers a client
/// sends). `requests` reads what it recorded; `stop` ends it and deletes its folder.
final class PrometheusStub {
    /// `fail-first N`, `status CODE` or `hang`; see the script.
    init(mode: String, count: Int = 0) throws {
        folder = Fixtures.temporaryFolder()
        let script = Fixtures.folder.appendingPathComponent("live/prometheus_stub.py").path
        let output = folder.appendingPathComponent("stdout")
        requestLog = folder.appendingPathComponent("requests.jsonl")
        child = try ChildProcess("python3", [script, requestLog.path, mode, String(count)], log: output)
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first, text.contains("\n"), let number = Int(line) {
                port = number
                return
            }
            if !child.isRunning { break }
            usleep(50_000)
        }
        let tail = child.logTail
        stop()
        throw LiveTestSetupError("the stub server did not start: \(tail)")
    }

    let folder: URL
    private let child: ChildProcess
    private(set) var port = 0
    var url: String { "http://127.0.0.1:\(port)" }
    private let requestLog: URL

    /// One entry per request: `method`, `path`, `headers` (names in lower case), `form`.
    var requests: [(method: String, path: String, headers: [String: String], form: [String: String])] {
        let text = (try? String(contentsOf: requestLog, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            let headers = (object["headers"] as? [String: String] ?? [:]).reduce(into: [String: String]()) { $0[$1.key.lowercased()] = $1.value }
            return (object["method"] as? String ?? "", object["path"] as? String ?? "", headers, object["form"] as? [String: String] ?? [:])
        }
    }

    func stop() {
        child.stop()
        try? FileManager.default.removeItem(at: folder)
    }
}
