import Foundation

/// The package's `templates/`, `assets/` and `Examples/` folders, compiled into the binary
/// by the EmbedFiles build plugin. Keys are paths relative to the package root, with `/`.
public enum BundledFiles {
    /// The bytes of one bundled file, or nil when no such file was bundled.
    public static func data(at path: String) -> Data? {
        encoded[path].flatMap { Data(base64Encoded: $0) }
    }

    /// Every bundled path that starts with `prefix` (for example `"templates/"`), sorted.
    public static func paths(under prefix: String) -> [String] {
        encoded.keys.filter { $0.hasPrefix(prefix) }.sorted()
    }
}
