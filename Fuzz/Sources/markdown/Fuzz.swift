import FuzzSupport
import Markdown

/// MarkdownRenderer.html (cmark in safe mode), as `--notes` and a recording's notes.md
/// reach it: the file's bytes decoded as UTF-8 with invalid sequences replaced. Safe
/// mode must never let raw HTML or a `javascript:` link through.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    let html = MarkdownRenderer.html(text)
    if html.contains("<script") { FuzzContract.fail("a <script> tag passed cmark's safe mode") }
    if html.lowercased().contains("href=\"javascript:") { FuzzContract.fail("a javascript: link passed cmark's safe mode") }
    HTMLShape.report(html)
    return 0
}
