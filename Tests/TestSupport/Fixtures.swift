import Foundation

/// Paths to the test fixtures and golden files, found from this source file so tests
/// run from any working directory.
public enum Fixtures {
    /// The package root.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static let folder = root.appendingPathComponent("Tests/Fixtures")
    public static let goldFolder = root.appendingPathComponent("Tests/Gold")

    /// The seven real recordings.
    public static let recordingNames = ["heapleak", "goroutineleak", "steady", "spiky", "mmap", "virtual", "mixed"]

    public static func recording(_ name: String) -> String {
        folder.appendingPathComponent("recordings/\(name)").path
    }

    public static func queryRange(_ name: String) -> String {
        folder.appendingPathComponent("recordings/\(name)/prometheus/query_range.json").path
    }

    public static func derived(_ name: String) -> String {
        folder.appendingPathComponent("derived/\(name)").path
    }

    public static func bad(_ name: String) -> String {
        folder.appendingPathComponent("bad/\(name)").path
    }

    public static func bytes(_ path: String) -> [UInt8] {
        [UInt8](FileManager.default.contents(atPath: path) ?? Data())
    }

    /// A fresh empty folder for a test's outputs.
    public static func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gomemreport-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
