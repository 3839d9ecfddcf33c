import Mustache

/// How the templates escape every `{{variable}}`: `HTMLEscaping.escape`, scalar by
/// scalar, with bidi and control characters written out.
///
/// swift-mustache's own HTML escaping compares whole `Character`s with `<`, `"` and
/// the rest, so a grapheme cluster that starts or ends with one of them (`"` + U+0301,
/// U+0600 + `<`) passes through unescaped and could end an attribute or open a tag.
/// `TemplateSet` registers this type under `name` and starts every template with the
/// pragma that selects it, so user templates (`--templates`) get it too.
struct ScalarHTMLContentType: MustacheContentType {
    static let name = "GOMEMREPORT_HTML"
    /// The first line of every template as parsed: a standalone tag, so it leaves no
    /// output and the template's own first line keeps its whitespace rules.
    static let pragma = "{{% CONTENT_TYPE: \(name)}}\n"

    func escapeText(_ text: String) -> String {
        HTMLEscaping.escape(text)
    }

    /// Registers the type with swift-mustache (a process-wide table; idempotent).
    static func register() {
        MustacheContentTypes.register(ScalarHTMLContentType(), named: name)
    }
}
