import CMark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Markdown → HTML through cmark (CommonMark), the only file that touches the C library.
///
/// Safe mode: cmark's default since 0.29 replaces raw HTML with a comment and drops
/// `javascript:`, `vbscript:`, `file:` and most `data:` link targets; we never pass
/// `CMARK_OPT_UNSAFE`. Invalid UTF-8 is replaced rather than passed through.
///
/// Memory: the document node is freed with `cmark_node_free` and the rendered buffer
/// with the allocator that cmark itself used to make it.
public enum MarkdownRenderer {
    /// Renders `markdown` to an HTML fragment. Never fails: any text is valid Markdown.
    public static func html(_ markdown: String) -> String {
        let options = CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SMART
        var source = markdown
        return source.withUTF8 { bytes -> String in
            guard let document = bytes.withMemoryRebound(to: CChar.self, { chars in
                cmark_parse_document(chars.baseAddress, chars.count, options)
            }) else { return "" }
            defer { cmark_node_free(document) }
            guard let rendered = cmark_render_html(document, options) else { return "" }
            defer {
                let allocator = cmark_get_default_mem_allocator()
                allocator?.pointee.free(rendered)
            }
            return String(cString: rendered)
        }
    }
}
