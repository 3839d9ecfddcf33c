import Foundation
#if canImport(Glibc)
import Glibc
#endif
import MemoryModel

/// Whole input files read into memory within a size cap: the one place Ingest's
/// readers get bytes from disk. Every failure is an `InputError` that names the file.
public enum InputFile {
    /// Reads a whole file; failures become `InputError`s that name it, and so does a file
    /// larger than `maximumBytes` (found from its size before reading, or while reading
    /// a file whose size is not known in advance, such as those in /proc), marked as
    /// `exceeded`, the cap it went past.
    public static func bytes(_ path: String, maximumBytes: Int = InputLimits.defaultMaximumInputBytes,
                             exceeded: ExceededLimit = .inputBytes) throws -> [UInt8] {
        var tooLarge = false
        guard let bytes = readWholeFile(path, maximumBytes: maximumBytes, tooLarge: &tooLarge) else {
            if tooLarge {
                throw InputError(file: path, reason: "is larger than \(InputLimits.describe(bytes: maximumBytes))", exceeded: exceeded)
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                throw InputError(file: path, reason: isDirectory.boolValue ? "is a folder, expected a file" : "cannot be read (permission denied?)")
            }
            throw InputError(file: path, reason: "no such file")
        }
        return bytes
    }

    /// A file's bytes, read straight into the array with one `read` when its size is
    /// known; nil when it cannot be opened or read, or is a folder. Foundation's
    /// `contents(atPath:)` reads into `Data` that then has to be copied: twice the memory
    /// for a 100 MB answer, and most of the time for a folder of 60,000 small scrapes.
    private static func readWholeFile(_ path: String, maximumBytes: Int, tooLarge: inout Bool) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT != S_IFDIR else { return nil }
        // Refused before a byte is read: a sparse 1 TB file costs nothing.
        guard Int(status.st_size) <= maximumBytes else {
            tooLarge = true
            return nil
        }
        // One byte more than the size, so a file that has it all arrives in one read and a
        // file that says 0 (those in /proc) or grew shows that there is more.
        let expected = Int(status.st_size) + 1
        var failed = false
        var bytes = [UInt8](unsafeUninitializedCapacity: expected) { buffer, count in
            count = 0
            while count < buffer.count {
                let result = read(descriptor, buffer.baseAddress! + count, buffer.count - count)
                if result < 0 && errno == EINTR { continue }
                if result < 0 { failed = true }
                if result <= 0 { return }
                count += result
            }
        }
        guard !failed else { return nil }
        guard bytes.count == expected else { return bytes }
        guard bytes.count <= maximumBytes else {
            tooLarge = true
            return nil
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let result = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if result < 0 && errno == EINTR { continue }
            if result < 0 { return nil }
            if result == 0 { return bytes }
            guard bytes.count + result <= maximumBytes else {
                tooLarge = true
                return nil
            }
            bytes += chunk[..<result]
        }
    }

    /// Reads Markdown notes: UTF-8 text within `limits` (file size and line length).
    public static func notes(_ path: String, limits: InputLimits = .standard) throws -> String {
        let bytes = try self.bytes(path, maximumBytes: limits.maximumInputBytes)
        try limits.checkLineLengths(bytes, file: path)
        return try text(bytes, path: path)
    }

    /// Reads a UTF-8 text file, such as a template.
    public static func text(_ path: String) throws -> String {
        try text(bytes(path), path: path)
    }

    private static func text(_ bytes: [UInt8], path: String) throws -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw InputError(file: path, reason: "is not UTF-8 text")
        }
        return text
    }
}
