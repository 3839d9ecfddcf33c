/// Characters that must not reach a reader as themselves, and how they are shown instead.
///
/// A name in a recording (a label value, a function name, a file path) may hold
/// characters that change how the text around it is displayed without being visible:
/// bidirectional formatting (U+202A–U+202E embeddings and overrides, U+2066–U+2069
/// isolates, U+200E/U+200F/U+061C marks), which can make `main.go` read as `og.niam`
/// or reorder a table row, and control characters (U+0000–U+001F except tab and line
/// feed, U+007F–U+009F, U+2028/U+2029 line and paragraph separators), which terminals,
/// mail clients and some parsers act on. Each is replaced by its code point written out,
/// `\u202E`, so the report shows that it was there and where, and cannot be reordered
/// by it. Tab and line feed are ordinary white space in HTML and stay.
///
/// Every escaping path of the report uses this: HTML text and attributes
/// (`HTMLEscaping`, and so every `{{variable}}` of the templates), SVG, Markdown
/// rendered through cmark (`SafeMarkdown`), Markdown written for tickets
/// (`MarkdownText`), CSS strings (`CSSString`) and JSON (`StableJSON`, as `\u` escapes).
public enum InvisibleCharacters {
    /// True for a scalar that is shown as `\uXXXX` instead of itself.
    @inline(__always)
    public static func isNeutralized(_ value: UInt32) -> Bool {
        switch value {
        case 0x09, 0x0A: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// `\u202E`: the code point in four upper-case hex digits (every neutralized scalar
    /// is in the Basic Multilingual Plane).
    public static func visible(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// `text` with every neutralized scalar written out as `\uXXXX`.
    public static func neutralize(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isNeutralized($0.value) }) else { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 8)
        for scalar in text.unicodeScalars {
            if isNeutralized(scalar.value) {
                out += visible(scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
