import Capture
import Foundation
import MemoryModel
import Render
#if canImport(Glibc)
import Glibc
#endif

/// The recorder's progress on stderr. On a terminal, one status line redrawn every
/// second (elapsed and remaining time, samples, the last Go memory, RSS and
/// goroutines, errors); otherwise one line a minute, for logs. Notes (an endpoint
/// found absent, a dump skipped) are printed on lines of their own. `quiet` prints
/// nothing.
final class RecordProgress: @unchecked Sendable {
    private let quiet: Bool
    private let terminal = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private var status: RecorderStatus?
    private var lastLogged = -Double.infinity
    private var ticker: DispatchSourceTimer?
    private var lineShown = false

    init(quiet: Bool) {
        self.quiet = quiet
        guard !quiet, terminal else { return }
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "gomemreport.record.progress"))
        timer.schedule(deadline: .now() + 1, repeating: 1)
        timer.setEventHandler { [weak self] in self?.redraw() }
        timer.resume()
        ticker = timer
    }

    func update(_ status: RecorderStatus) {
        guard !quiet else { return }
        lock.lock(); defer { lock.unlock() }
        self.status = status
        let now = Date().timeIntervalSince1970
        if terminal {
            drawLocked(now: now)
        } else if now - lastLogged >= 60 {
            lastLogged = now
            Diagnostics.note(Self.line(status, now: now))
        }
    }

    func note(_ text: String) {
        guard !quiet else { return }
        lock.lock(); defer { lock.unlock() }
        clearLocked()
        Diagnostics.note(text)
        if terminal { drawLocked(now: Date().timeIntervalSince1970) }
    }

    /// Ends the status line; later output starts on a clean line.
    func finish() {
        ticker?.cancel()
        ticker = nil
        guard !quiet else { return }
        lock.lock(); defer { lock.unlock() }
        clearLocked()
    }

    private func redraw() {
        lock.lock(); defer { lock.unlock() }
        drawLocked(now: Date().timeIntervalSince1970)
    }

    private func drawLocked(now: Double) {
        guard let status, terminal else { return }
        var line = Self.line(status, now: now)
        let columns = Self.columns()
        if line.count >= columns { line = String(line.prefix(max(10, columns - 2))) + "…" }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        lineShown = true
    }

    private func clearLocked() {
        guard lineShown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        lineShown = false
    }

    private static func columns() -> Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 120
    }

    /// `recording 0:12 / 0:20 · 12 samples · Go memory 23.4 MiB · RSS 30.1 MiB · 612 goroutines · 0 errors`
    static func line(_ status: RecorderStatus, now: Double) -> String {
        let elapsed = max(0, now - status.started)
        var parts = ["\(status.phase == .sampling ? "recording" : status.phase.rawValue) \(clock(elapsed))"
            + (status.ends.map { " of \(clock($0 - status.started)), \(clock(max(0, $0 - now))) left" } ?? " (until stopped)")]
        parts.append("\(DigitGrouping.string(Int64(status.samples))) sample\(status.samples == 1 ? "" : "s")")
        if let go = status.figures.goMemory { parts.append("Go memory \(ByteFormat.string(go))") }
        if let rss = status.figures.rss { parts.append("RSS \(ByteFormat.string(rss))") }
        if let goroutines = status.figures.goroutines { parts.append("\(DigitGrouping.string(Int64(goroutines))) goroutines") }
        var errors = "\(status.errors) error\(status.errors == 1 ? "" : "s")"
        if status.errors > 0, let last = status.lastError { errors += " (last: \(last))" }
        parts.append(errors)
        return parts.joined(separator: " · ")
    }

    /// `m:ss`, or `h:mm:ss` from an hour.
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.down))
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
        let ss = s < 10 ? "0\(s)" : "\(s)"
        if h > 0 { return "\(h):\(m < 10 ? "0\(m)" : "\(m)"):\(ss)" }
        return "\(m):\(ss)"
    }
}
