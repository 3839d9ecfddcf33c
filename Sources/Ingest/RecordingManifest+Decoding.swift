import Foundation
import MemoryModel

extension RecordingManifest {
    /// Reads `recording.json`. Throws `InputError` naming the file for bytes that are not
    /// a manifest of this format (the folder's reader turns that into a warning: readers
    /// must not require a manifest).
    static func decode(_ bytes: [UInt8], file: String) throws -> RecordingManifest {
        let manifest: RecordingManifest
        do {
            manifest = try JSONDecoder().decode(RecordingManifest.self, from: Data(bytes))
        } catch {
            throw InputError(file: file, reason: "not a \(currentFormat) manifest (\(Self.describe(error)))")
        }
        guard manifest.format == currentFormat else {
            throw InputError(file: file, reason: "format \(manifest.format) is not \(currentFormat)")
        }
        return manifest
    }

    private static func describe(_ error: Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, _): return "no \(key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "not JSON" : "bad \(path)"
        default: return "unreadable"
        }
    }
}
