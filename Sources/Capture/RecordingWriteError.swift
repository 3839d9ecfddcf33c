import Foundation
import MemoryModel
#if canImport(Glibc)
import Glibc
#endif

/// Writing into the recording failed; the recording ends cleanly with what it has.
public struct RecordingWriteError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String

    public var description: String { "\(path): \(reason)" }
}
