import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP port on 127.0.0.1 that listens (backlog 16) but never accepts or answers:
/// the kernel completes clients' connections, then nothing is ever said, so an HTTP
/// client hangs until its own timeout. For a recorder's "the service stopped
/// answering" paths. The socket is close-on-exec, so no child process keeps it open.
public final class HangingListener: @unchecked Sendable {
    public let port: Int
    private let lock = NSLock()
    private var descriptor: Int32

    /// `http://127.0.0.1:PORT`.
    public var url: URL { URL(string: "http://127.0.0.1:\(port)")! }

    public init() throws {
        let fd: Int32
        do {
            (fd, port) = try LoopbackSocket.bind(listening: 16)
        } catch {
            throw GoServiceError("HangingListener: \(error)")
        }
        descriptor = fd
    }

    /// Closes the socket: connections waiting in the backlog are reset, new ones refused.
    /// Idempotent.
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        if descriptor >= 0 {
            Glibc.close(descriptor)
            descriptor = -1
        }
    }

    deinit { close() }
}
