import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a folder of files so that readers see either no folder or the complete one.
///
/// The files go into a temporary folder beside the target (same file system), each
/// written with `AtomicFileWriter`; the folder is then renamed to the target. The
/// target must not exist or be an empty folder, so nothing of the user's is replaced.
/// On any failure the temporary folder is removed and the target is left as it was.
/// File paths must stay inside the folder: an absolute path, or a `.`, `..` or empty
/// component, fails with `WriteError` before anything is written there.
public enum AtomicFolderWriter {
    /// Throws `AtomicFileWriter.WriteError` unless `path` can become the folder: its
    /// parent exists and it is absent or an empty folder. Call it before doing work
    /// whose result would then be lost.
    public static func checkTarget(_ path: String) throws {
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw AtomicFileWriter.WriteError(path: path, reason: "cannot write: the folder \(parent) does not exist")
        }
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw AtomicFileWriter.WriteError(path: path, reason: "is a file; give a new folder to save the recording in")
        }
        if let contents = try? FileManager.default.contentsOfDirectory(atPath: path), !contents.isEmpty {
            throw AtomicFileWriter.WriteError(path: path, reason: "already exists and is not empty; give a new folder to save the recording in")
        }
    }

    /// Writes `files` (paths relative to the folder, such as `prometheus/up.json`) as
    /// the folder `path`.
    public static func write(_ files: [(path: String, bytes: [UInt8])], to path: String) throws {
        try checkTarget(path)
        let url = URL(fileURLWithPath: path)
        let parent = url.deletingLastPathComponent().path
        var template = Array("\(parent)/.\(url.lastPathComponent).tmp-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw AtomicFileWriter.WriteError(path: path, reason: "cannot write: \(String(cString: strerror(errno)))")
        }
        let temporary = URL(fileURLWithPath: String(cString: template))
        var finished = false
        defer {
            if !finished { FolderRemoval.remove(temporary.path) }
        }
        for file in files {
            // Relative paths of plain names only: nothing may land outside the folder.
            let parts = file.path.split(separator: "/", omittingEmptySubsequences: false)
            guard !file.path.hasPrefix("/"), !file.path.contains("\0"), parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
                throw AtomicFileWriter.WriteError(path: (path as NSString).appendingPathComponent(file.path), reason: "cannot write: not a path inside the folder")
            }
            let target = temporary.appendingPathComponent(file.path)
            do {
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw AtomicFileWriter.WriteError(path: (path as NSString).appendingPathComponent(file.path), reason: "cannot write: \(error.localizedDescription)")
            }
            try AtomicFileWriter.write(file.bytes, to: target.path)
        }
        // Recordings are meant to be shared: rwxr-xr-x rather than mkdtemp's rwx------.
        chmod(temporary.path, 0o755)
        guard rename(temporary.path, path) == 0 else {
            throw AtomicFileWriter.WriteError(path: path, reason: "cannot write: \(String(cString: strerror(errno)))")
        }
        finished = true
    }
}
