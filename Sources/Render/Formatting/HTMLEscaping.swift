/// Escaping for text placed in HTML or SVG, in element content and in quoted
/// attributes alike.
///
/// Works scalar by scalar, not by `Character`: a grapheme cluster such as `"` followed
/// by a combining accent (U+0301), or U+0600 followed by `<`, is one `Character` in
/// Swift, and an escaper that compares whole characters with `"` or `<` lets it through
/// unescaped, which would end an attribute or open a tag. `&<>"'` become entities;
/// bidi and control characters are written out as `\u202E` (`InvisibleCharacters`).
/// The result never contains `<`, `>`, `"` or `'`, and `&` only as an entity.
public enum HTMLEscaping {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if InvisibleCharacters.isNeutralized(scalar.value) {
                    out += InvisibleCharacters.visible(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
