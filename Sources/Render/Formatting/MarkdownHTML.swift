import Markdown

/// Markdown (the user's notes, and the report's own sentences) to an HTML fragment for
/// a page: cmark in safe mode (`MarkdownRenderer`: raw HTML dropped, only safe link
/// targets kept), then bidi and control characters written out as `\u202E`
/// (`InvisibleCharacters`).
///
/// The second step is on the output, not the input, because cmark decodes character
/// references: `&#x202E;` in a note becomes U+202E itself in cmark's HTML.
enum MarkdownHTML {
    static func render(_ markdown: String) -> String {
        InvisibleCharacters.neutralize(MarkdownRenderer.html(markdown))
    }
}
