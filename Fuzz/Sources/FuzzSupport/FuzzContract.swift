import MemoryModel
#if canImport(Glibc)
import Glibc
#endif

/// The contract every reader keeps on any bytes, checked by each fuzz target: it
/// returns a value, or throws an `InputError` that names the file it was given. Anything
/// else (another error type, an error naming some other file) is a finding: the harness
/// aborts, so libFuzzer saves the input as a crash. Traps, sanitizer reports, hangs
/// (`-timeout`) and allocations over `-malloc_limit_mb` are findings by themselves.
public enum FuzzContract {
    /// The name every harness passes as the input's file; errors must name it.
    public static let fileName = "fuzz-input"

    /// Runs `body` and returns its value, or nil when it threw an `InputError` whose
    /// file starts with `file` (a folder's errors name the file inside it).
    @discardableResult
    public static func check<T>(file: String = fileName, _ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch let error as InputError {
            guard error.file.hasPrefix(file) else {
                fail("an InputError names “\(error.file)”, not the input “\(file)”: \(error)")
            }
            guard !error.reason.isEmpty else { fail("an InputError without a reason: \(error)") }
            return nil
        } catch {
            fail("threw \(type(of: error)) instead of InputError: \(error)")
        }
    }

    /// Reports a broken contract on stderr and aborts, which libFuzzer records as a crash.
    public static func fail(_ message: String) -> Never {
        fputs("fuzz contract broken: \(message)\n", stderr)
        abort()
    }

    /// The fuzz input as an array, as the readers take it.
    public static func bytes(_ start: UnsafeRawPointer, _ count: Int) -> [UInt8] {
        Array(UnsafeRawBufferPointer(start: start, count: count))
    }
}
