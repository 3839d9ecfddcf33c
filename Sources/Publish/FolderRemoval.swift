import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes a folder tree that this tool made, without ever following a symbolic link.
///
/// An old site or a folder left by a killed run may hold a link that someone put there
/// (`assets -> /home/me`, `index.html -> /etc/passwd`). Each entry is examined with
/// `lstat`: a link, file or anything else that is not a folder is unlinked itself (the
/// link, never what it points to), and only real folders are descended into. A `path`
/// that is itself a link is unlinked. Best effort: entries that cannot be removed are
/// left and the call returns false; it never throws or traps.
public enum FolderRemoval {
    @discardableResult
    public static func remove(_ path: String) -> Bool {
        remove(path: Array(path.utf8))
    }

    /// Paths as bytes, so names that are not UTF-8 are removed too.
    private static func remove(path: [UInt8]) -> Bool {
        let cPath = path.map { CChar(bitPattern: $0) } + [0]
        var status = stat()
        guard lstat(cPath, &status) == 0 else { return errno == ENOENT }
        guard (status.st_mode & S_IFMT) == S_IFDIR else { return unlink(cPath) == 0 }
        var removedAll = true
        if let directory = opendir(cPath) {
            var names: [[UInt8]] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix(while: { $0 != 0 })) }
                if name != [0x2E] && name != [0x2E, 0x2E] { names.append(name) }
            }
            closedir(directory)
            for name in names where !remove(path: path + [0x2F] + name) { removedAll = false }
        }
        return rmdir(cPath) == 0 && removedAll
    }
}
