import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 GET over a socket of its own, for `http://` targets: one
/// connection per request (`Connection: close`), a deadline over the whole exchange
/// enforced with `poll`, and the body capped while it arrives (Content-Length,
/// chunked, or until close).
///
/// It exists because Foundation's URLSession on Linux spins a core while a server
/// accepts a connection and never answers — the very case a recorder must sit out
/// politely next to a struggling service. Failure modes, as `FetchFailure`: no
/// connection (`.unreachable`), the deadline (`.timeout`), a status other than 200
/// (`.status`), a body over the cap (`.tooLarge`), and a malformed answer (`.invalid`).
struct PlainHTTPClient {
    var userAgent: String

    func get(_ url: URL, timeout: Double, limit: Int, accept: String?) -> Result<[UInt8], FetchFailure> {
        guard let host = url.host else { return .failure(.unreachable("no host in \(url)")) }
        let port = url.port ?? 80
        let deadline = Self.now() + timeout
        let fd: Int32
        switch connect(host: host, port: port, deadline: deadline) {
        case .success(let socket): fd = socket
        case .failure(let failure): return .failure(failure)
        }
        defer { close(fd) }
        var target = url.path.isEmpty ? "/" : url.path
        if let query = url.query { target += "?" + query }
        var request = "GET \(target) HTTP/1.1\r\nHost: \(host)\(url.port.map { ":\($0)" } ?? "")\r\n"
        request += "User-Agent: \(userAgent)\r\nConnection: close\r\nAccept-Encoding: identity\r\n"
        if let accept { request += "Accept: \(accept)\r\n" }
        request += "\r\n"
        if let failure = send(Array(request.utf8), on: fd, deadline: deadline) { return .failure(failure) }
        var reader = SocketReader(fd: fd, deadline: deadline)
        return reader.readResponse(limit: limit)
    }

    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// Milliseconds left before `deadline`, for poll; nil when it has passed.
    static func millisecondsLeft(_ deadline: Double) -> Int32? {
        let left = deadline - now()
        return left <= 0 ? nil : Int32(min(left * 1000 + 1, 3_600_000))
    }

    /// A connected non-blocking socket to the first address of `host` that answers.
    private func connect(host: String, port: Int, deadline: Double) -> Result<Int32, FetchFailure> {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        guard getaddrinfo(bare, String(port), &hints, &list) == 0, let first = list else {
            return .failure(.unreachable("unknown host \(host)"))
        }
        defer { freeaddrinfo(list) }
        var failure = FetchFailure.unreachable("connection refused")
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            entry = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            guard fd >= 0 else { continue }
            if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return .success(fd) }
            guard errno == EINPROGRESS else {
                failure = .unreachable(String(cString: strerror(errno)).lowercased())
                close(fd)
                continue
            }
            var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            guard let wait = Self.millisecondsLeft(deadline), poll(&poller, 1, wait) == 1 else {
                close(fd)
                return .failure(.timeout)
            }
            var error: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
            if error == 0 { return .success(fd) }
            failure = .unreachable(String(cString: strerror(error)).lowercased())
            close(fd)
        }
        return .failure(failure)
    }

    private func send(_ bytes: [UInt8], on fd: Int32, deadline: Double) -> FetchFailure? {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
            if n > 0 { sent += n; continue }
            if n < 0 && (errno == EAGAIN || errno == EINTR) {
                var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                guard let wait = Self.millisecondsLeft(deadline), poll(&poller, 1, wait) >= 0 else { return .timeout }
                continue
            }
            return .unreachable("connection reset")
        }
        return nil
    }
}
