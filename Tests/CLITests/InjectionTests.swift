import Foundation
import TestSupport
import XCTest

/// Hostile text from a recording never becomes active content: the fixtures in
/// `Tests/Fixtures/injection/` (written by its `make-injection.py`) carry
/// `</script><script>alert(1)</script>`, `"><svg onload=alert(1)>`, `javascript:`
/// URLs, Mustache syntax and bidi/control characters in labels, function names, file
/// paths, wait states, notes, a manifest and a site title. Each output of the real CLI
/// is checked on its bytes, and the pages also with Python's HTML tokenizer
/// (`Tests/Browser/inspect_html.py`), which knows nothing of how they were written.
final class InjectionTests: XCTestCase {
    static let script = "</script><script>alert(1)</script>"
    static let svg = "\"><svg onload=alert(1)>"
    static let mustache = "{{title}}{{{css}}}{{#instances}}"
    /// How the fixtures' bidi and control run reads in every output.
    static let bidiShown = #"\u202Eevil\u2066x\u2069\u0000\u0001\u001F\u001B\u007F\u2028\u2029end"#
    static let policy = "default-src 'none'; script-src 'none'; object-src 'none'; style-src 'unsafe-inline'; "
        + "img-src data:; base-uri 'none'; form-action 'none'"

    private var folder: URL!
    override func setUp() { folder = Fixtures.temporaryFolder() }
    override func tearDown() { try? FileManager.default.removeItem(at: folder) }
    private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    static var recording: String { Fixtures.folder.appendingPathComponent("injection/recording").path }
    static var scrapes: String { Fixtures.folder.appendingPathComponent("injection/scrapes").path }
    static func profile(_ name: String) -> String { recording + "/pprof/" + name }

    func testReportJSONAndMarkdownStayInert() throws {
        let result = try CommandRunner.run(["report", Self.recording, "-o", path("r.html"), "--json", path("r.json"),
                                            "--markdown", path("r.md"), "--email", path("r.eml")])
        XCTAssertEqual(result.status, 0, result.stderr)
        let html = try String(contentsOfFile: path("r.html"), encoding: .utf8)
        Self.assertEscaped(html)
        // Every kind of place a name lands: HTML text, attributes, SVG <title>, code in findings.
        XCTAssertTrue(html.contains("<h2 id=\"instance-script-script-alert-1-script-svg-onload-alert-1-6060-heading\">&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;/&quot;&gt;&lt;svg onload=alert(1)&gt;:6060</h2>"))
        XCTAssertTrue(html.contains("aria-label=\"Go memory of &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;/&quot;&gt;&lt;svg onload=alert(1)&gt;:6060"))
        XCTAssertTrue(html.contains("<code>main.\(Self.bidiShown)</code>"), "a finding's attribution, through Markdown")
        XCTAssertTrue(html.contains("<code>main.{{title}}{{{css}}}{{#instances}}</code>"))
        XCTAssertTrue(html.contains("<title>Go memory report: recording</title>"))
        // go_info's version label in "About this data", through Markdown: literal, not markup.
        XCTAssertTrue(html.contains("this service runs go1.19.8&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;\(Self.bidiShown)"))
        // The recorder's manifest: a hostile target URL is text, never a link.
        XCTAssertTrue(html.contains("from javascript:alert(1)//&quot;&gt;&lt;svg onload=alert(1)&gt;\(Self.bidiShown)"))
        // Notes: cmark's safe mode drops raw HTML and unsafe link targets, keeps http(s) and relative ones.
        XCTAssertTrue(html.contains("<a href=\"\">click me</a>"))
        XCTAssertTrue(html.contains("<a href=\"https://example.com/ok\">ok</a> · <a href=\"heapleak.html\">relative</a>"))
        XCTAssertFalse(html.contains("window.__pwned"))

        let page = try Self.inspect([path("r.html")])[0]
        XCTAssertEqual(page.violations, [])
        XCTAssertEqual(page.csp, Self.policy)
        for visible in [Self.script, Self.svg, "javascript:alert(1)", Self.mustache, Self.bidiShown] {
            XCTAssertTrue(page.text.contains(visible), "not shown as text: \(visible)")
        }

        // JSON: the same strings, losslessly, but no <, >, & or invisible character in the bytes.
        let json = try Data(contentsOf: URL(fileURLWithPath: path("r.json")))
        Self.assertJSONBytesInert(json)
        let summary = try XCTUnwrap(JSONSerialization.jsonObject(with: json) as? [String: Any])
        let instances = try XCTUnwrap(summary["instances"] as? [[String: Any]])
        XCTAssertEqual(instances.map { $0["job"] as? String }, [Self.script, Self.mustache + "\u{202E}evil\u{2066}x\u{2069}\u{0}\u{1}\u{1F}\u{1B}\u{7F}\u{2028}\u{2029}end"])
        XCTAssertEqual(instances.first?["instance"] as? String, Self.svg + ":6060")

        // Markdown for tickets: names cannot open links, images, HTML or code spans of their own.
        let markdown = try String(contentsOfFile: path("r.md"), encoding: .utf8)
        XCTAssertTrue(markdown.contains(#"| \</script\>\<script\>alert(1)\</script\>/"\>\<svg onload=alert(1)\>:6060 |"#), markdown)
        XCTAssertNil(markdown.range(of: #"(?<!\\)[<\[]"#, options: .regularExpression), markdown)
        XCTAssertFalse(markdown.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || $0.value == 0x202E || $0.value == 0x2028 })

        // Email: the HTML part is escaped like the page (quoted-printable keeps ASCII as is;
        // soft line breaks joined). The text/plain part rightly says the names as they are.
        let email = try String(contentsOfFile: path("r.eml"), encoding: .utf8).replacingOccurrences(of: "=\r\n", with: "")
        let htmlPart = try XCTUnwrap(email.components(separatedBy: "Content-Type: text/html; charset=utf-8\r\n").dropFirst().first)
            .components(separatedBy: "Content-Type: text/html; charset=utf-8; name=").first ?? ""
        XCTAssertFalse(htmlPart.lowercased().contains("<script"), htmlPart)
        XCTAssertTrue(htmlPart.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"), htmlPart)
        XCTAssertFalse(email.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x1B }, "raw bidi or escape in the message")
    }

    /// compare of the hostile recording with its own scrapes: names in the figures'
    /// headings, findings, budgets, both flame graphs and the goroutine diff stay text.
    func testComparePageJSONAndMarkdownStayInert() throws {
        let result = try CommandRunner.run(["compare", Self.recording, Self.recording, "-o", path("c.html"), "--json", path("c.json"),
                                            "--markdown", path("c.md"), "--budget", "go_memory:+10%"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(result.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E }, "raw escape or bidi on stderr")
        let html = try String(contentsOfFile: path("c.html"), encoding: .utf8)
        Self.assertEscaped(html)
        XCTAssertTrue(html.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;/&quot;&gt;&lt;svg onload=alert(1)&gt;:6060"))
        XCTAssertTrue(html.contains("No significant change in Go memory at steady state on any of the 2 instances."), html)
        let page = try Self.inspect([path("c.html")])[0]
        XCTAssertEqual(page.violations, [])
        XCTAssertEqual(page.csp, Self.policy)
        XCTAssertTrue(page.text.contains(Self.script))
        Self.assertJSONBytesInert(try Data(contentsOf: URL(fileURLWithPath: path("c.json"))))
        let markdown = try String(contentsOfFile: path("c.md"), encoding: .utf8)
        XCTAssertTrue(markdown.contains(#"\</script\>\<script\>alert(1)\</script\>"#), markdown)
        XCTAssertNil(markdown.range(of: #"(?<!\\)[<\[]"#, options: .regularExpression), markdown)
        XCTAssertFalse(markdown.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || $0.value == 0x202E || $0.value == 0x2028 })
    }

    func testProfilePagesStayInert() throws {
        let heap = try CommandRunner.run(["profile", Self.profile("heap-20261128T073730000Z.pb.gz"),
                                          "--base", Self.profile("heap-20261128T073300000Z.pb.gz"), "-o", path("heap.html")])
        XCTAssertEqual(heap.status, 0, heap.stderr)
        let dump = try CommandRunner.run(["profile", Self.profile("goroutine-20261128T073730000Z.debug2.txt"),
                                          "--base", Self.profile("goroutine-20261128T073300000Z.debug2.txt"), "-o", path("goroutines.html")])
        XCTAssertEqual(dump.status, 0, dump.stderr)

        let heapHTML = try String(contentsOfFile: path("heap.html"), encoding: .utf8)
        Self.assertEscaped(heapHTML)
        // The flame graph's SVG <title> and <text> carry function names.
        XCTAssertTrue(heapHTML.contains("<title>main.&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"), "SVG title")
        XCTAssertNotNil(heapHTML.range(of: #"<text [^>]*>javascript:alert\(1\)</text>"#, options: .regularExpression), "SVG text")
        let dumpHTML = try String(contentsOfFile: path("goroutines.html"), encoding: .utf8)
        Self.assertEscaped(dumpHTML)
        XCTAssertTrue(dumpHTML.contains("<code>main.&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</code>"))

        for page in try Self.inspect([path("heap.html"), path("goroutines.html")]) {
            XCTAssertEqual(page.violations, [], page.page)
            XCTAssertEqual(page.csp, Self.policy)
            XCTAssertTrue(page.text.contains(Self.script) && page.text.contains(Self.svg), page.page)
        }
    }

    func testTopWritesNoTerminalEscapes() throws {
        let result = try CommandRunner.run(["top", Self.profile("heap-20261128T073730000Z.pb.gz")])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("  main.\(Self.bidiShown)\n"), result.stdout)
        XCTAssertFalse(result.stdout.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F || $0.value == 0x202E })
    }

    func testSiteWithHostileNamesAndTitleStaysInert() throws {
        // Recording folders named with payloads (links to the fixtures: such names do not belong in git).
        let inputs = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        let hostile = inputs.appendingPathComponent(Self.svg).path, bidi = inputs.appendingPathComponent("\u{202E}evil{{x}}").path
        try FileManager.default.createSymbolicLink(atPath: hostile, withDestinationPath: Self.recording)
        try FileManager.default.createSymbolicLink(atPath: bidi, withDestinationPath: Self.scrapes)
        let title = Self.script + " " + Self.mustache + " \u{202E}x"
        let result = try CommandRunner.run(["site", hostile, bidi, "-o", path("site"), "--title", title, "--jobs", "2"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(result.stderr.unicodeScalars.contains { $0.value == 0x202E }, "progress lines write names out")

        let site = folder.appendingPathComponent("site")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: site.path).sorted(),
                       ["evil-x.html", "index.html", "index.json", "svg-onload-alert-1.html"])
        let index = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        Self.assertEscaped(index)
        XCTAssertTrue(index.contains("<h1>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; {{title}}{{{css}}}{{#instances}} \\u202Ex</h1>"))
        XCTAssertTrue(index.contains("<span class=\"meta\">&quot;&gt;&lt;svg onload=alert(1)&gt;</span>"))
        for page in try Self.inspect(["index.html", "evil-x.html", "svg-onload-alert-1.html"].map { site.appendingPathComponent($0).path }) {
            XCTAssertEqual(page.violations, [], page.page)
            XCTAssertEqual(page.csp, Self.policy)
        }
        let json = try Data(contentsOf: site.appendingPathComponent("index.json"))
        Self.assertJSONBytesInert(json)
        let decoded = try XCTUnwrap(JSONSerialization.jsonObject(with: json) as? [String: Any])
        XCTAssertEqual(decoded["title"] as? String, title)
    }

    // MARK: - Checks on bytes

    /// No element or handler an input could have opened, no raw bidi or control character.
    static func assertEscaped(_ html: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNil(html.range(of: "<script", options: .caseInsensitive), file: file, line: line)
        XCTAssertNil(html.range(of: "<svg onload", options: .caseInsensitive), file: file, line: line)
        // An attribute named on… in any tag (escaped values hold no < or >, so a tag ends at the first >).
        let tags = try! NSRegularExpression(pattern: "<[A-Za-z][^<>]*>")
        let handlers = tags.matches(in: html, range: NSRange(html.startIndex..., in: html))
            .map { String(html[Range($0.range, in: html)!]) }.filter(attributeNamedOn)
        XCTAssertEqual(handlers, [], file: file, line: line)
        XCTAssertNil(html.range(of: #"(href|src)="\s*(javascript|data|vbscript):"#, options: [.regularExpression, .caseInsensitive]),
                     file: file, line: line)
        let invisible = html.unicodeScalars.filter { scalar in
            (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
                || [0x061C, 0x200E, 0x200F, 0x2028, 0x2029].contains(scalar.value)
                || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
        }
        XCTAssertEqual(invisible.map { String($0.value, radix: 16) }, [], "raw bidi or control characters", file: file, line: line)
    }

    /// True when a tag's text has an attribute (outside quoted values) whose name starts with "on".
    static func attributeNamedOn(in tag: String) -> Bool {
        var inQuotes = false, previous: Character = " "
        var index = tag.startIndex
        while index < tag.endIndex {
            let character = tag[index]
            if character == "\"" { inQuotes.toggle() }
            if !inQuotes, previous.isWhitespace, tag[index...].hasPrefix("on"),
               tag[index...].prefix(while: { $0.isLetter }).count > 2, tag[index...].drop(while: { $0.isLetter }).first == "=" {
                return true
            }
            previous = character
            index = tag.index(after: index)
        }
        return false
    }

    static func assertJSONBytesInert(_ json: Data, file: StaticString = #filePath, line: UInt = #line) {
        let text = String(decoding: json, as: UTF8.self)
        for forbidden in ["<", ">", "&", "\u{202E}", "\u{2028}", "\u{2029}", "\u{7F}", "\u{2066}"] {
            XCTAssertFalse(text.contains(forbidden), "raw \(forbidden.unicodeScalars.map { String($0.value, radix: 16) }) in JSON", file: file, line: line)
        }
        XCTAssertTrue(text.contains(#"\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e"#), file: file, line: line)
    }

    // MARK: - Python's tokenizer

    struct Inspection: Decodable {
        var page: String
        var violations: [String]
        var csp: String?
        var text: String
    }

    static func inspect(_ pages: [String]) throws -> [Inspection] {
        let result = try Python.run([Fixtures.root.appendingPathComponent("Tests/Browser/inspect_html.py").path] + pages)
        XCTAssertEqual(result.status, 0, result.stderr)
        return try result.stdout.split(separator: "\n").map {
            try JSONDecoder().decode(Inspection.self, from: Data($0.utf8))
        }
    }
}
