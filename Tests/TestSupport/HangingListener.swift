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
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw GoServiceError("HangingListener: socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else {
            let failure = errno
            Glibc.close(fd)
            throw GoServiceError("HangingListener: cannot bind and listen on 127.0.0.1: errno \(failure)")
        }
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
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
