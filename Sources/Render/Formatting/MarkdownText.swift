/// Text from a recording (a function name, a file path, a label value) placed into
/// Markdown that the report writes, so that it reads as exactly that text.
///
/// Without this a name could bring its own Markdown: a backtick ends the code span it
/// sits in, `[x](https://…)` makes a link, `![x](…)` an image, `<…>` an autolink or
/// raw HTML (which cmark's safe mode would drop, hiding the name). Both forms also write
/// out bidi and control characters (`InvisibleCharacters`), and a line break becomes a
/// space, so a name cannot end the paragraph or table row it is in.
enum MarkdownText {
    /// Plain text: every ASCII punctuation character is backslash-escaped, which
    /// CommonMark defines as the literal character.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in flattened(text).unicodeScalars {
            // What CommonMark lets a backslash escape: !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~
            switch scalar.value {
            case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E:
                out.unicodeScalars.append("\\")
            default:
                break
            }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// `escape`'s inverse for a terminal: every backslash before ASCII punctuation
    /// dropped (code spans keep their backticks, which read as quotes there).
    static func unescaped(_ markdown: String) -> String {
        var out = "", pending = false
        for scalar in markdown.unicodeScalars {
            if pending {
                pending = false
                if !(0x21...0x2F ~= scalar.value || 0x3A...0x40 ~= scalar.value || 0x5B...0x60 ~= scalar.value || 0x7B...0x7E ~= scalar.value) {
                    out.unicodeScalars.append("\\")
                }
            } else if scalar == "\\" {
                pending = true
                continue
            }
            out.unicodeScalars.append(scalar)
        }
        if pending { out.unicodeScalars.append("\\") }
        return out
    }

    /// A code span holding `text` verbatim: fenced by one backtick more than the longest
    /// run of backticks inside, padded with spaces when the text starts or ends with a
    /// backtick (CommonMark strips one space on each side).
    static func code(_ text: String) -> String {
        let body = flattened(text)
        var longest = 0, run = 0
        for scalar in body.unicodeScalars {
            run = scalar == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = body.hasPrefix("`") || body.hasSuffix("`") || body.isEmpty ? " " : ""
        return fence + pad + body + pad + fence
    }

    /// Bidi and control characters written out; line breaks and tabs as spaces: a name
    /// that stays on its line and reads as itself (also the digests' plain text).
    static func flattened(_ text: String) -> String {
        var out = ""
        for scalar in InvisibleCharacters.neutralize(text).unicodeScalars {
            out.unicodeScalars.append(scalar == "\n" || scalar == "\t" ? " " : scalar)
        }
        return out
    }
}
