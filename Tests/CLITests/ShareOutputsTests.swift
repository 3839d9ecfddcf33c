import Foundation
import TestSupport
import XCTest

/// `--markdown` for tickets and chat, `--email` for mail: checked by a real MIME parser
/// (Python's `email` package, strict policy).
final class ShareOutputsTests: XCTestCase {
    private var folder: URL!
    override func setUp() { folder = Fixtures.temporaryFolder() }
    override func tearDown() { try? FileManager.default.removeItem(at: folder) }
    private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func testMarkdownSummary() throws {
        let result = try CommandRunner.run(["report", Fixtures.recording("heapleak"), "-o", path("r.html"), "--markdown", path("r.md")])
        XCTAssertEqual(result.status, 0, result.stderr)
        let markdown = try String(contentsOfFile: path("r.md"), encoding: .utf8)
        XCTAssertTrue(markdown.hasPrefix("## Go memory: heapleak — 1 critical\n"))
        XCTAssertTrue(markdown.contains("| heapleak/127.0.0.1:46027 | 2026-11-28 07:32:43 UTC – 07:37:37 UTC (4 min 54 s) | 111 MiB | 111 MiB | 110 MiB | −1.6 MiB | Go memory close to RSS (1.01×) |"))
        XCTAssertTrue(markdown.contains("- **CRITICAL** `heap-leak` Heap leak: the live heap grows 603 MiB/hour (confidence >99.9%)\n  - `main.FooHandler (main.go:45) +44.9 MiB`"))
        let steady = try CommandRunner.run(["report", Fixtures.recording("steady"), "-o", path("s.html"), "--markdown", path("s.md")])
        XCTAssertEqual(steady.status, 0, steady.stderr)
        XCTAssertTrue(try String(contentsOfFile: path("s.md"), encoding: .utf8).hasPrefix("## Go memory: steady — Nothing to fix\n"))
    }

    func testEmailIsAValidMIMEMessageWithTheReportAttached() throws {
        let result = try CommandRunner.run(["report", Fixtures.recording("goroutineleak"), "-o", path("r.html"), "--email", path("r.eml"),
                                            "--to", "oncall@example.com", "--to", "Ops Team <ops@example.com>"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let script = """
            import email, sys
            from email import policy
            raw = open(sys.argv[1], 'rb').read()
            assert all(len(line) <= 78 for line in raw.split(b'\\r\\n')), 'a line over 78 columns'
            assert b'\\n' not in raw.replace(b'\\r\\n', b''), 'a bare LF'
            m = email.message_from_bytes(raw, policy=policy.strict)
            print(m['Subject']); print(m['To']); print(m['Date']); print(m['From'])
            print(' '.join(p.get_content_type() for p in m.walk()))
            attachment = next(p for p in m.walk() if p.get_filename() == 'report.html')
            body = attachment.get_content()
            body = body.encode() if isinstance(body, str) else body
            print(body == open(sys.argv[2], 'rb').read())
            print(m.get_body(preferencelist=('plain',)).get_content().splitlines()[0])
            html = m.get_body(preferencelist=('html',)).get_content()
            print('<style' not in html and 'style="' in html)
            """
        let output = try Self.python(script, arguments: [path("r.eml"), path("r.html")])
        XCTAssertEqual(output.split(separator: "\n").map(String.init), [
            "[gomemreport] goroutineleak: warning goroutine-leak: Goroutine leak: +29,360 goroutines (359,465/hour)",
            "oncall@example.com, Ops Team <ops@example.com>",
            "Sat, 28 Nov 2026 07:37:37 +0000",
            "gomemreport <gomemreport@localhost>",
            "multipart/mixed multipart/alternative text/plain text/html text/html",
            "True",
            "Go memory report: goroutineleak: 1 warning",
            "True",
        ])
        // The same inputs give the same bytes; --generated-at sets the date.
        let again = try CommandRunner.run(["report", Fixtures.recording("goroutineleak"), "-o", path("r2.html"), "--email", path("r2.eml"),
                                           "--to", "oncall@example.com", "--to", "Ops Team <ops@example.com>"])
        XCTAssertEqual(again.status, 0)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path("r.eml"))), try Data(contentsOf: URL(fileURLWithPath: path("r2.eml"))))
        let dated = try CommandRunner.run(["report", Fixtures.recording("goroutineleak"), "-o", path("r3.html"), "--email", path("r3.eml"),
                                           "--generated-at", "2026-12-01T09:30:00Z", "--subject", "Speicher: Gorutinen-Leck ✗"])
        XCTAssertEqual(dated.status, 0, dated.stderr)
        let headers = try Self.python("""
            import email, sys
            from email import policy
            m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=policy.strict)
            print(m['Date']); print(m['Subject'])
            """, arguments: [path("r3.eml")])
        XCTAssertEqual(headers, "Tue, 01 Dec 2026 09:30:00 +0000\nSpeicher: Gorutinen-Leck ✗\n")
    }

    static func python(_ script: String, arguments: [String]) throws -> String {
        let result = try Python.run(["-c", script] + arguments)
        XCTAssertEqual(result.status, 0, result.stderr)
        return result.stdout
    }
}
