import MemoryModel

/// Reads `/proc/PID/status` for the memory lines (kB, turned into bytes): VmRSS as
/// `proc_vm_rss_bytes` (the RSS the report prefers), and
/// RssAnon, RssFile, RssShmem, VmHWM and VmSwap as `proc_*_bytes`.
///
/// Failure modes, each an `InputError` naming the file: no VmRSS line, or a memory
/// line whose value is not a whole number of kB (with its line number).
public enum ProcStatusReader {
    static let fields: [String: String] = [
        "VmRSS": "proc_vm_rss_bytes", "RssAnon": "proc_rss_anon_bytes", "RssFile": "proc_rss_file_bytes",
        "RssShmem": "proc_rss_shmem_bytes", "VmHWM": "proc_vm_hwm_bytes", "VmSwap": "proc_vm_swap_bytes",
    ]

    public static func read(_ bytes: [UInt8], file: String, time: Double?) throws -> [ScrapedSample] {
        var samples: [ScrapedSample] = []
        var sawRSS = false
        let text = String(decoding: bytes, as: UTF8.self)
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon])
            guard let metric = fields[key] else { continue }
            let parts = line[line.index(after: colon)...].split(separator: " ", omittingEmptySubsequences: true)
                .flatMap { $0.split(separator: "\t") }
            guard parts.count == 2, parts[1] == "kB", let kB = Int64(parts[0]), kB >= 0, kB < Int64.max / 1024 else {
                throw InputError(file: file, location: "line \(number + 1)", reason: "\(key) is not a number of kB")
            }
            if key == "VmRSS" { sawRSS = true }
            samples.append(ScrapedSample(name: metric, labels: [:], value: Double(kB * 1024), timestamp: time))
        }
        guard sawRSS else {
            throw InputError(file: file, reason: "has no VmRSS line; expected /proc/PID/status of a running process")
        }
        return samples
    }
}
