import Render
import XCTest

final class TemplateSetTests: XCTestCase {
    struct Model {
        var title: String
        var items: [Item]
        var missing: String?
        struct Item { var name: String }
    }

    private func templates(_ page: String, partials: [String: String] = [:]) throws -> TemplateSet {
        var all: [String: (path: String, text: String)] = ["page.mustache": ("t/page.mustache", page)]
        for (name, text) in partials { all[name] = ("t/\(name)", text) }
        return try TemplateSet(templates: all, css: "")
    }

    func testRendersAndEscapes() throws {
        let set = try templates("<h1>{{title}}</h1>{{#items}}<li>{{name}}</li>{{/items}}{{^missing}}none{{/missing}}")
        let html = try set.render(Model(title: "<b>&", items: [.init(name: "a"), .init(name: "b")], missing: nil))
        XCTAssertEqual(html, "<h1>&lt;b&gt;&amp;</h1><li>a</li><li>b</li>none")
    }

    func testUnknownVariableFailsWithFileAndLine() throws {
        let set = try templates("<h1>{{title}}</h1>\n{{#items}}\n<li>{{nmae}}</li>{{/items}}")
        XCTAssertThrowsError(try set.render(Model(title: "x", items: [.init(name: "a")], missing: nil))) { error in
            XCTAssertEqual("\(error)", "t/page.mustache:3: unknown template variable 'nmae'")
        }
    }

    func testUnknownVariableInPartial() throws {
        let set = try templates("{{title}}\n{{> row}}", partials: ["row.mustache": "line one\n{{subtitle}}"])
        XCTAssertThrowsError(try set.render(Model(title: "x", items: [], missing: nil))) { error in
            XCTAssertEqual("\(error)", "t/row.mustache:2: unknown template variable 'subtitle'")
        }
    }

    func testSyntaxErrorFailsWithFileAndLine() {
        XCTAssertThrowsError(try templates("ok\n{{#items}}\n{{name}}\n{{/itemz}}")) { error in
            XCTAssertTrue("\(error)".hasPrefix("t/page.mustache:4: template syntax error"), "\(error)")
        }
    }

    func testUnknownPartialAndMissingPage() {
        XCTAssertThrowsError(try templates("{{> nothere}}")) { error in
            XCTAssertEqual("\(error)", "t/page.mustache:1: unknown partial 'nothere'")
        }
        XCTAssertThrowsError(try TemplateSet(templates: ["other.mustache": ("t/other.mustache", "")], css: "")) { error in
            XCTAssertTrue("\(error)".contains("page.mustache"), "\(error)")
        }
    }

    /// `NAME.md` and `NAME.txt` templates place fields as they are (their view model
    /// escapes for the format); the others escape HTML. A set without a page template
    /// is fine when none is required, and a template it lacks fails by name.
    func testTextTemplatesAndMissingTemplate() throws {
        let set = try TemplateSet(templates: ["note.md.mustache": ("t/note.md.mustache", "# {{title}}\n"),
                                              "note-email.mustache": ("t/note-email.mustache", "<p>{{title}}</p>")],
                                  css: "", required: nil)
        let model = Model(title: "a <b> & `c`", items: [], missing: nil)
        XCTAssertEqual(try set.render(model, template: "note.md"), "# a <b> & `c`\n")
        XCTAssertEqual(try set.render(model, template: "note-email"), "<p>a &lt;b&gt; &amp; `c`</p>")
        XCTAssertThrowsError(try set.render(model, template: "page")) { error in
            XCTAssertEqual("\(error)", "page.mustache: missing: no such template")
        }
    }
}
