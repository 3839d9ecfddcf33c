/// Text as a CSS string literal's contents, safe inside a `<style>` element: quotes and
/// backslashes are escaped, and `<` too, so no value can close the element.
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
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value) {
                    out += "\\" + String(scalar.value, radix: 16, uppercase: true) + " "
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
