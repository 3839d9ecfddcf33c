import Foundation

/// JSON as gomemreport writes every file of it: pretty-printed, keys sorted, slashes
/// unescaped, and a final newline, so equal values are equal bytes.
public enum StableJSON {
    public static func text<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
