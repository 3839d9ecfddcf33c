import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A static site built beside its target and swapped in only when complete, so a run
/// killed at any moment leaves the previous site (or none) intact, never half of one.
///
/// `open` makes a hidden temporary folder in the target's parent (same file system);
/// files are written into it as they are ready; `commit` replaces the target in one
/// step (Linux `renameat2(RENAME_EXCHANGE)`, else two renames) and removes the old
/// site. An existing target is replaced only if it is empty or a site this tool built
/// (its `index.json` carries `marker`): nothing else of the user's is ever deleted.
///
/// Nothing is written or removed outside the target: the target may not be a symbolic
/// link (it would be replaced by the new site, not followed, which is not what a link
/// means; give its real path); the new site is a fresh `mkdtemp` folder that only
/// plain file names are written into, so links in the old site are never written
/// through; and the old site and leftover temporary folders are removed by
/// `FolderRemoval`, which unlinks links rather than following them.
public final class SiteFolder {
    public let target: String
    public let temporary: String
    private var committed = false

    public init(target: String, marker: String) throws {
        let url = URL(fileURLWithPath: target).standardizedFileURL
        self.target = url.path
        let parent = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw AtomicFileWriter.WriteError(path: target, reason: "cannot write: the folder \(parent) does not exist")
        }
        var linkStatus = stat()
        if lstat(self.target, &linkStatus) == 0, (linkStatus.st_mode & S_IFMT) == S_IFLNK {
            throw AtomicFileWriter.WriteError(path: target, reason: "is a symbolic link; give the site folder's real path")
        }
        if FileManager.default.fileExists(atPath: self.target, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw AtomicFileWriter.WriteError(path: target, reason: "is a file; give a folder for the site")
            }
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: self.target)) ?? []
            let index = (self.target as NSString).appendingPathComponent("index.json")
            // A site's index.json is a file of its own, not a link to one elsewhere.
            var indexStatus = stat()
            let isFile = lstat(index, &indexStatus) == 0 && (indexStatus.st_mode & S_IFMT) == S_IFREG
            let isSite = isFile && ((try? String(contentsOfFile: index, encoding: .utf8))?.contains(marker) ?? false)
            guard contents.isEmpty || isSite else {
                throw AtomicFileWriter.WriteError(path: target, reason: "exists and is not a gomemreport site; give a new or empty folder")
            }
        }
        // Folders left by runs that were killed are this tool's own; clear them first.
        let prefix = ".\(url.lastPathComponent).tmp-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] where name.hasPrefix(prefix) {
            FolderRemoval.remove((parent as NSString).appendingPathComponent(name))
        }
        var template = Array("\(parent)/\(prefix)XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw AtomicFileWriter.WriteError(path: target, reason: "cannot write: \(String(cString: strerror(errno)))")
        }
        temporary = String(cString: template)
        chmod(temporary, 0o755)
    }

    deinit {
        if !committed { FolderRemoval.remove(temporary) }
    }

    /// Writes one file of the site. `name` must be a plain file name (no `/`, not `.`,
    /// `..` or empty, no NUL): anything else throws `WriteError` rather than reaching
    /// outside the site.
    public func write(_ text: String, as name: String) throws {
        guard !name.isEmpty, !name.contains("/"), !name.contains("\0"), name != ".", name != ".." else {
            throw AtomicFileWriter.WriteError(path: name, reason: "cannot write: not a plain file name")
        }
        try AtomicFileWriter.write(text, to: (temporary as NSString).appendingPathComponent(name))
    }

    /// Puts the new site in place of the old one, then removes the old one.
    public func commit() throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) {
            if Self.exchange(temporary, target) {
                // The old site is now at the temporary path.
                committed = true
                FolderRemoval.remove(temporary)
                return
            }
            let old = temporary + ".old"
            guard rename(target, old) == 0 else { throw failure() }
            guard rename(temporary, target) == 0 else {
                let error = failure()
                _ = rename(old, target)
                throw error
            }
            committed = true
            FolderRemoval.remove(old)
            return
        }
        guard rename(temporary, target) == 0 else { throw failure() }
        committed = true
    }

    private func failure() -> AtomicFileWriter.WriteError {
        AtomicFileWriter.WriteError(path: target, reason: "cannot replace the site: \(String(cString: strerror(errno)))")
    }

    /// Atomically swaps two paths with `renameat2(…, RENAME_EXCHANGE)`, looked up at run
    /// time (glibc 2.28+); false where the call or the file system does not have it.
    private static func exchange(_ a: String, _ b: String) -> Bool {
        #if canImport(Glibc)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 2
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
        #else
        return false
        #endif
    }
}
