#if canImport(Glibc)
import Glibc
#endif

/// Reads one HTTP/1.1 response from a non-blocking socket before a deadline: the
/// status line and headers, then the body by Content-Length, chunks, or until close.
struct SocketReader {
    let fd: Int32
    let deadline: Double
    private var buffer: [UInt8] = []
    private var position = 0
    private var closed = false

    init(fd: Int32, deadline: Double) {
        self.fd = fd
        self.deadline = deadline
    }

    /// Reads more bytes into the buffer; nil when they came, else why not.
    private mutating func fill() -> FetchFailure? {
        if position > 65_536 && position * 2 > buffer.count {
            buffer.removeFirst(position)
            position = 0
        }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            if n > 0 {
                buffer += chunk[0..<n]
                return nil
            }
            if n == 0 {
                closed = true
                return .unreachable("connection closed")
            }
            guard errno == EAGAIN || errno == EINTR else { return .unreachable("connection reset") }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard let wait = PlainHTTPClient.millisecondsLeft(deadline) else { return .timeout }
            if poll(&poller, 1, wait) == 0 { return .timeout }
        }
    }

    /// The next line ending in CRLF (or LF), without it.
    private mutating func line(maximum: Int = 16_384) -> Result<[UInt8], FetchFailure> {
        while true {
            if let end = buffer[position...].firstIndex(of: 0x0A) {
                var line = Array(buffer[position..<end])
                if line.last == 0x0D { line.removeLast() }
                position = end + 1
                return .success(line)
            }
            if buffer.count - position > maximum { return .failure(.invalid("a header line longer than \(maximum) bytes")) }
            if let failure = fill() { return .failure(failure == .unreachable("connection closed") ? .invalid("the answer ended inside its headers") : failure) }
        }
    }

    /// Exactly `count` more body bytes.
    private mutating func take(_ count: Int, into body: inout [UInt8]) -> FetchFailure? {
        while buffer.count - position < count {
            if let failure = fill() {
                return failure == .unreachable("connection closed") ? .invalid("the answer ended before its end") : failure
            }
        }
        body += buffer[position..<(position + count)]
        position += count
        return nil
    }

    mutating func readResponse(limit: Int) -> Result<[UInt8], FetchFailure> {
        let statusLine: [UInt8]
        switch line() {
        case .success(let text): statusLine = text
        case .failure(let failure): return .failure(failure)
        }
        let parts = String(decoding: statusLine, as: UTF8.self).split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            return .failure(.invalid("not an HTTP/1.x answer"))
        }
        var length: Int?
        var chunked = false
        while true {
            guard case .success(let header) = line() else { return .failure(.invalid("the answer ended inside its headers")) }
            if header.isEmpty { break }
            let text = String(decoding: header, as: UTF8.self)
            guard let colon = text.firstIndex(of: ":") else { continue }
            let name = text[..<colon].lowercased()
            let value = text[text.index(after: colon)...].trimmingSpaces()
            if name == "content-length" { length = Int(value) }
            if name == "transfer-encoding", value.lowercased().contains("chunked") { chunked = true }
        }
        guard status == 200 else { return .failure(.status(status)) }
        var body: [UInt8] = []
        if chunked {
            while true {
                guard case .success(let sizeLine) = line() else { return .failure(.invalid("a chunked answer ended early")) }
                let hex = String(decoding: sizeLine, as: UTF8.self).split(separator: ";").first.map(String.init) ?? ""
                guard let size = Int(hex.trimmingSpaces(), radix: 16), size >= 0 else { return .failure(.invalid("a bad chunk size")) }
                if size == 0 { break }
                if body.count + size > limit { return .failure(.tooLarge(limit: limit)) }
                if let failure = take(size, into: &body) { return .failure(failure) }
                guard case .success = line() else { return .failure(.invalid("a chunked answer ended early")) }
            }
            return .success(body)
        }
        if let length {
            if length > limit { return .failure(.tooLarge(limit: limit)) }
            if let failure = take(length, into: &body) { return .failure(failure) }
            return .success(body)
        }
        while true {
            body += buffer[position...]
            position = buffer.count
            if body.count > limit { return .failure(.tooLarge(limit: limit)) }
            if let failure = fill() {
                return failure == .unreachable("connection closed") ? .success(body) : .failure(failure)
            }
        }
    }
}

extension StringProtocol {
    fileprivate func trimmingSpaces() -> String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
