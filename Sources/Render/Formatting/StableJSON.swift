import Foundation

/// JSON as gomemreport writes every file of it: pretty-printed, keys sorted, slashes
/// unescaped, and a final newline, so equal values are equal bytes.
///
/// Safe to embed and to open: `<`, `>` and `&` are written `\u003c`, `\u003e`,
/// `\u0026` (as Lighthouse and Go's encoding/json do), so the text can sit inside a
/// `<script type="application/json">` block, or be sniffed as HTML by a browser,
/// without `</script>` or a tag appearing; U+2028/U+2029 (line terminators in older
/// JavaScript), U+007F–U+009F and bidi formatting characters are `\u` escapes too, so
/// an editor or terminal shows them instead of acting on them. JSONEncoder already
/// escapes U+0000–U+001F. Every such character can only occur inside a JSON string (the
/// structure is ASCII), so replacing it there is lossless: parsers read the same value.
public enum StableJSON {
    public static func text<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return escaped(String(decoding: try encoder.encode(value), as: UTF8.self)) + "\n"
    }

    /// `json` with the characters above written as `\u` escapes.
    static func escaped(_ json: String) -> String {
        func needsEscape(_ value: UInt32) -> Bool {
            value == 0x3C || value == 0x3E || value == 0x26 || InvisibleCharacters.isNeutralized(value)
        }
        guard json.unicodeScalars.contains(where: { needsEscape($0.value) }) else { return json }
        var out = ""
        out.unicodeScalars.reserveCapacity(json.unicodeScalars.count + 16)
        for scalar in json.unicodeScalars {
            if needsEscape(scalar.value) {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
