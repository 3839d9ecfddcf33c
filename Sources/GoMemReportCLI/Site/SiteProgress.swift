import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Progress of a site build on stderr: a bar redrawn in place on a terminal (count,
/// current recording, elapsed time), one line per recording otherwise (logs, CI).
final class SiteProgress: @unchecked Sendable {
    private let total: Int
    private var finishedCount = 0
    private let start = Date()
    private let lock = NSLock()
    private let terminal = isatty(STDERR_FILENO) == 1

    init(total: Int) { self.total = total }

    func started(_ recording: String) {
        guard terminal else { return }
        lock.lock(); defer { lock.unlock() }
        draw(current: recording)
    }

    func finished(_ recording: String, note: String) {
        lock.lock(); defer { lock.unlock() }
        finishedCount += 1
        if terminal {
            draw(current: recording)
        } else {
            Diagnostics.note("[\(finishedCount)/\(total)] \(recording): \(note)")
        }
    }

    func done() {
        guard terminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    private func draw(current: String) {
        let width = 24
        let filled = total > 0 ? width * finishedCount / total : width
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let elapsed = Date().timeIntervalSince(start)
        let safe = Diagnostics.terminalSafe(current)
        let name = safe.count > 40 ? "…" + safe.suffix(39) : safe
        FileHandle.standardError.write(Data(String(format: "\r\u{1B}[K[%@] %d/%d %@ %.1f s", bar, finishedCount, total, name, elapsed).utf8))
    }
}
