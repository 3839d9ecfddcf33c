import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see either the old file or the complete new one.
///
/// The bytes go to a temporary file in the target's folder (same file system, so the
/// rename is atomic), are flushed to disk, and the file is renamed over the target.
/// On any failure the temporary file is removed and the target is left untouched.
public enum AtomicFileWriter {
    public struct WriteError: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// Writes `bytes` to `path`. Throws `WriteError` naming the path on failure.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw WriteError(path: path, reason: "cannot write: the folder \(folder) does not exist")
        }
        var template = Array("\(folder)/.\(url.lastPathComponent).tmp-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw WriteError(path: path, reason: "cannot write: \(String(cString: strerror(errno)))")
        }
        let temporary = String(cString: template)
        var finished = false
        defer {
            if !finished { unlink(temporary) }
        }
        var written = 0
        let failure: Int32? = bytes.withUnsafeBytes { raw -> Int32? in
            while written < raw.count {
                let result = Foundation.write(descriptor, raw.baseAddress! + written, raw.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += result
            }
            return fsync(descriptor) == 0 ? nil : errno
        }
        // Reports are meant to be shared: rw-r--r-- rather than mkstemp's rw-------.
        fchmod(descriptor, 0o644)
        close(descriptor)
        if let failure {
            throw WriteError(path: path, reason: "cannot write: \(String(cString: strerror(failure)))")
        }
        guard rename(temporary, path) == 0 else {
            throw WriteError(path: path, reason: "cannot write: \(String(cString: strerror(errno)))")
        }
        finished = true
    }

    /// Writes UTF-8 text to `path`.
    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }
}
