import Mustache

/// The page templates (Mustache) and the stylesheet, from the bundled copies or from a
/// user's `--templates` / `--assets` folders.
///
/// Templates are parsed when the set is made, so a syntax error fails before any input
/// is read, with `file:line`. Rendering is strict: a variable that the view model does
/// not have fails with the `file:line` of the first tag that names it, instead of
/// rendering as empty the way Mustache usually does. Every `{{variable}}` is escaped by
/// `ScalarHTMLContentType` (scalar by scalar, bidi and control characters written out);
/// `{{{variable}}}` is for trusted markup only, fields ending in `HTML`/`SVG` and the CSS.
public struct TemplateSet: Sendable {
    /// Template sources by name (file name without `.mustache`), with the path to quote.
    struct Source: Sendable {
        var path: String
        var text: String
    }

    let sources: [String: Source]
    let library: MustacheLibrary
    /// The stylesheet placed inline in every page.
    public let css: String

    /// The name of the template that renders a whole page.
    public static let pageTemplate = "page"

    /// A template named `NAME.md` or `NAME.txt` (file `NAME.md.mustache`) renders text:
    /// its fields are placed as they are, so its view model escapes them for the format.
    /// Every other template renders HTML and escapes every `{{variable}}`.
    static func rendersText(_ name: String) -> Bool {
        name.hasSuffix(".md") || name.hasSuffix(".txt")
    }

    /// - Parameters:
    ///   - templates: file name (e.g. `page.mustache`) → (path to quote in errors, text).
    ///   - css: the stylesheet text.
    ///   - required: the template the set must have (`page` for a report's set; nil for
    ///     the digests').
    public init(templates: [String: (path: String, text: String)], css: String,
                required: String? = TemplateSet.pageTemplate) throws {
        var sources: [String: Source] = [:]
        var library = MustacheLibrary()
        ScalarHTMLContentType.register()
        for fileName in templates.keys.sorted() where fileName.hasSuffix(".mustache") {
            let (path, text) = templates[fileName]!
            let name = String(fileName.dropLast(".mustache".count))
            do {
                let pragma = Self.rendersText(name) ? "{{% CONTENT_TYPE: TEXT}}\n" : ScalarHTMLContentType.pragma
                library.register(try MustacheTemplate(string: pragma + text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                // The pragma is one line above the file's first.
                throw TemplateError(file: path, line: max(1, error.context.lineNumber - 1),
                                    reason: "template syntax error: \(error.error) (column \(error.context.columnNumber))")
            }
            sources[name] = Source(path: path, text: text)
        }
        if let required, sources[required] == nil {
            throw TemplateError(file: "\(required).mustache", line: nil, reason: "missing: every template set needs a \(required) template")
        }
        try Self.checkPartials(sources)
        self.sources = sources
        self.library = library
        self.css = css
    }

    /// Renders `value` (a view model) with the template `name`.
    /// Fails with `TemplateError` for a template the set does not have, and for a
    /// variable the view model does not have.
    public func render(_ value: Any, template name: String = TemplateSet.pageTemplate) throws -> String {
        guard sources[name] != nil else {
            throw TemplateError(file: "\(name).mustache", line: nil, reason: "missing: no such template")
        }
        let log = UnknownVariableLog()
        let output = library.render(StrictTemplateValue(value, log: log, isRoot: true), withTemplate: name) ?? ""
        if let unknown = log.names.first {
            let (path, line) = location(ofTag: unknown)
            throw TemplateError(file: path, line: line, reason: "unknown template variable '\(unknown)'")
        }
        return output
    }

    /// A partial that names no template would render as nothing; treat it as an error.
    private static func checkPartials(_ sources: [String: Source]) throws {
        for name in sources.keys.sorted() {
            let source = sources[name]!
            for tag in MustacheTagScanner.tags(in: source.text) where tag.sigil == ">" {
                if sources[tag.name] == nil {
                    throw TemplateError(file: source.path, line: tag.line, reason: "unknown partial '\(tag.name)'")
                }
            }
        }
    }

    /// The first place, page template first, where a tag names `variable`.
    private func location(ofTag variable: String) -> (String, Int?) {
        let order = (sources[Self.pageTemplate] == nil ? [] : [Self.pageTemplate]) + sources.keys.sorted().filter { $0 != Self.pageTemplate }
        for name in order {
            let source = sources[name]!
            if let tag = MustacheTagScanner.tags(in: source.text).first(where: { $0.sigil != ">" && $0.sigil != "!" && $0.name == variable }) {
                return (source.path, tag.line)
            }
        }
        return ((sources[Self.pageTemplate] ?? sources.values.sorted { $0.path < $1.path }.first)?.path ?? "", nil)
    }
}
