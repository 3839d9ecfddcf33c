/// Text as a CSS string literal's contents, safe inside a `<style>` element: quotes and
/// backslashes are escaped, and `<`, `>`, `&` too, so no value can close the element.
/// Tab and line feed, which may not appear raw in a CSS string, become CSS escapes
/// (`\A `). The characters `InvisibleCharacters` neutralizes are shown as it shows them,
/// the text `\u202E` (written `\\u202E` in CSS): a CSS escape `\202E ` would put the
/// character itself back into the printed header, free to reorder it.
enum CSSString {
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "<": out += "\\3C "
            case ">": out += "\\3E "
            case "&": out += "\\26 "
            default:
                if InvisibleCharacters.isNeutralized(scalar.value) {
                    out += "\\" + InvisibleCharacters.visible(scalar.value)
                } else if scalar.value < 0x20 {
                    out += "\\" + String(scalar.value, radix: 16, uppercase: true) + " "
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
