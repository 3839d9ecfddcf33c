import Foundation
import MemoryModel
#if canImport(Glibc)
import Glibc
#endif

/// Writes files into a recording folder so that no reader ever sees half of one: each
/// goes to a hidden `.NAME.partial` beside its final name, then is renamed. Readers of
/// the layout skip hidden names, so a run stopped at any instant leaves only whole files.
///
/// Failure mode: `RecordingWriteError` (disk full, permission denied, a folder that
/// went away) naming the file; the partial file is removed.
public final class RecordingWriter: @unchecked Sendable {
    public let folder: String
    private let lock = NSLock()
    /// The partial file being written, for `abandon()` to remove from another thread.
    private var partial: String?

    /// Creates `folder` and its `subfolders`. The folder must be absent or empty: a
    /// recording is never mixed into another one. Throws `InputError` naming the folder
    /// when it is not, or cannot be made.
    public init(folder: String, subfolders: [String]) throws {
        self.folder = folder
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw InputError(file: folder, reason: "exists and is not a folder") }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            guard entries.isEmpty else {
                throw InputError(file: folder, reason: "is not empty; give a new folder for the recording")
            }
        }
        for sub in [""] + subfolders {
            let path = sub.isEmpty ? folder : (folder as NSString).appendingPathComponent(sub)
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw InputError(file: path, reason: "cannot be created (\(Self.describe(error)))")
            }
        }
    }

    /// Writes `bytes` to `relativePath` inside the folder, replacing any file there.
    /// A path that could leave the folder (absolute, or with a `.`, `..` or empty
    /// component) throws `RecordingWriteError`; the partial file is opened with
    /// `O_NOFOLLOW | O_EXCL` after removing any leftover, so a link put in its place is
    /// never written through, and the rename replaces a link at the final name rather
    /// than following it.
    public func write(_ bytes: [UInt8], to relativePath: String) throws {
        let parts = relativePath.split(separator: "/", omittingEmptySubsequences: false)
        guard !relativePath.hasPrefix("/"), !relativePath.contains("\0"), parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
            throw RecordingWriteError(path: relativePath, reason: "not a path inside the recording")
        }
        let final = (folder as NSString).appendingPathComponent(relativePath)
        let directory = (final as NSString).deletingLastPathComponent
        let temporary = (directory as NSString).appendingPathComponent("." + (final as NSString).lastPathComponent + ".partial")
        lock.withLock { partial = temporary }
        defer { lock.withLock { partial = nil } }
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw RecordingWriteError(path: final, reason: String(cString: strerror(errno))) }
        var written = 0
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + written, buffer.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                written += n
            }
        }
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure == 0 && rename(temporary, final) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw RecordingWriteError(path: final, reason: String(cString: strerror(failure)))
        }
    }

    /// Removes the partial file being written, if any: for a stop at once, from the
    /// signal's thread, while the writing thread is abandoned.
    public func abandon() {
        lock.withLock {
            if let partial { unlink(partial) }
            partial = nil
        }
    }

    private static func describe(_ error: Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let underlying, underlying.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(underlying.code))) }
        return (error as NSError).localizedDescription
    }
}
