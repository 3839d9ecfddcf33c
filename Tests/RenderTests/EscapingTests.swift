@testable import Render
import XCTest

/// The escapers that stand between a recording's text and a page, one by one, on the
/// inputs that defeat naive ones.
final class EscapingTests: XCTestCase {
    struct Model {
        var title: String
    }

    /// `"` + U+0301 and U+0600 + `<` are single `Character`s: a Character-wise escaper
    /// (swift-mustache's own) leaves the `"` and `<` in them raw.
    func testTemplatesEscapeScalarsInsideGraphemeClusters() throws {
        let set = try TemplateSet(templates: ["page.mustache": ("page.mustache", "<p title=\"{{title}}\">{{title}}</p>")], css: "")
        let hostile = "\"\u{301} onmouseover=alert(1) x=\u{600}<img src=x>"
        let html = try set.render(Model(title: hostile))
        XCTAssertEqual(html, "<p title=\"&quot;\u{301} onmouseover=alert(1) x=\u{600}&lt;img src=x&gt;\">&quot;\u{301} onmouseover=alert(1) x=\u{600}&lt;img src=x&gt;</p>")
        XCTAssertEqual(html.unicodeScalars.filter { $0 == "\"" }.count, 2, "only the template's own quotes")
    }

    func testBidiAndControlCharactersAreWrittenOut() throws {
        XCTAssertEqual(HTMLEscaping.escape("main.go\u{202E}og.\u{2066}x\u{2069}\u{0}\u{1B}[2J\u{7F}\u{85}\u{2028}\tend\n"),
                       #"main.go\u202Eog.\u2066x\u2069\u0000\u001B[2J\u007F\u0085\u2028"# + "\tend\n")
        let set = try TemplateSet(templates: ["page.mustache": ("page.mustache", "{{title}}|{{{title}}}")], css: "")
        XCTAssertEqual(try set.render(Model(title: "a\u{202E}b")), "a\\u202Eb|a\u{202E}b", "{{{…}}} is for trusted markup only")
        XCTAssertEqual(InvisibleCharacters.neutralize("plain ascii and ünïcode"), "plain ascii and ünïcode")
    }

    func testMarkdownTextCannotLeaveItsCodeSpanOrMakeLinks() {
        XCTAssertEqual(MarkdownText.code("a`b"), "``a`b``")
        XCTAssertEqual(MarkdownText.code("``x"), "``` ``x ```")
        XCTAssertEqual(MarkdownText.code("line\nbreak"), "`line break`")
        let name = "x` [click](https://evil.example) ![i](https://evil.example/i.png) <b>bold</b> `y"
        let html = MarkdownHTML.render("In \(MarkdownText.code(name)) and \(MarkdownText.escape(name)).")
        XCTAssertEqual(html, "<p>In <code>x` [click](https://evil.example) ![i](https://evil.example/i.png) &lt;b&gt;bold&lt;/b&gt; `y</code> and "
            + "x` [click](https://evil.example) ![i](https://evil.example/i.png) &lt;b&gt;bold&lt;/b&gt; `y.</p>\n")
        XCTAssertEqual(MarkdownHTML.render("\(MarkdownText.escape("a\n\n# b\u{202E}"))"), "<p>a  # b\\u202E</p>\n")
    }

    /// What the terminal shows of an escaped name is the name; other backslashes stay.
    func testMarkdownEscapesComeOffForATerminal() {
        for name in ["heapleak/127.0.0.1:46027", "</script><script>alert(1)</script>", #"C:\go\src"#, #"a\b"#, "trailing\\"] {
            XCTAssertEqual(MarkdownText.unescaped(MarkdownText.escape(name)), name, name)
        }
        XCTAssertEqual(MarkdownText.unescaped(#"\d and \"#), #"\d and \"#, "a backslash before a letter, or at the end, is kept")
    }

    func testMarkdownHTMLWritesOutCharacterReferencesThatDecodeToBidi() {
        // cmark decodes &#x202E; into the character itself; the output must not hold it.
        XCTAssertEqual(MarkdownHTML.render("note &#x202E;gnp.exe"), "<p>note \\u202Egnp.exe</p>\n")
    }

    func testJSONEscapesWhatCouldCloseAScriptOrReorderText() throws {
        let text = try StableJSON.text(["name": "</script><!--&\u{2028}\u{202E}\u{7F}\u{1}"])
        XCTAssertEqual(text, "{\n  \"name\" : \"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028\\u202e\\u007f\\u0001\"\n}\n")
        let decoded = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
        XCTAssertEqual(decoded?["name"], "</script><!--&\u{2028}\u{202E}\u{7F}\u{1}", "lossless")
    }

    func testShellWordsAreQuotedUnlessPlain() {
        XCTAssertEqual(ShellQuoting.word("pprof/heap-20261128T073242588Z.pb.gz"), "pprof/heap-20261128T073242588Z.pb.gz")
        XCTAssertEqual(ShellQuoting.word("pprof/heap-$(reboot).pb.gz"), "'pprof/heap-$(reboot).pb.gz'")
        XCTAssertEqual(ShellQuoting.word("it's"), "'it'\\''s'")
        XCTAssertEqual(ShellQuoting.word("-rf"), "'-rf'")
    }

    func testCSSStringShowsBidiAsText() {
        XCTAssertEqual(CSSString.escape("a\u{202E}b\u{2028}"), "a\\\\u202Eb\\\\u2028")
    }
}
