import Foundation
import MemoryModel

extension RecordingManifest {
    /// Pretty-printed JSON with sorted keys and a final newline.
    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Foundation writes an empty array as "[", a blank line and "]".
        let text = String(decoding: try encoder.encode(self), as: UTF8.self)
            .replacingOccurrences(of: #"\[\n\s*\n\s*\]"#, with: "[]", options: .regularExpression)
        return Array(text.utf8) + [0x0A]
    }
}
