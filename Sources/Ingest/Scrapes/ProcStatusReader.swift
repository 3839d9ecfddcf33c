import MemoryModel

/// Reads `/proc/PID/status` for the memory lines (kB, turned into bytes): VmRSS as
/// `proc_vm_rss_bytes` (the RSS the report prefers), and
/// RssAnon, RssFile, RssShmem, VmHWM and VmSwap as `proc_*_bytes`; and
/// `/proc/PID/smaps_rollup` (the same `Key: N kB` lines after a header) for Rss, Pss and
/// its anon/file/shmem parts, Anonymous, Swap and SwapPss as `proc_smaps_*_bytes`.
///
/// Failure modes, each an `InputError` naming the file: no VmRSS line (no Rss line in
/// smaps_rollup), or a memory line whose value is not a whole number of kB (with its
/// line number).
public enum ProcStatusReader {
    static let fields: [String: String] = [
        "VmRSS": "proc_vm_rss_bytes", "RssAnon": "proc_rss_anon_bytes", "RssFile": "proc_rss_file_bytes",
        "RssShmem": "proc_rss_shmem_bytes", "VmHWM": "proc_vm_hwm_bytes", "VmSwap": "proc_vm_swap_bytes",
    ]

    static let smapsRollupFields: [String: String] = [
        "Rss": "proc_smaps_rss_bytes", "Pss": "proc_smaps_pss_bytes", "Pss_Anon": "proc_smaps_pss_anon_bytes",
        "Pss_File": "proc_smaps_pss_file_bytes", "Pss_Shmem": "proc_smaps_pss_shmem_bytes",
        "Anonymous": "proc_smaps_anonymous_bytes", "Swap": "proc_smaps_swap_bytes", "SwapPss": "proc_smaps_swap_pss_bytes",
    ]

    public static func read(_ bytes: [UInt8], file: String, time: Double?) throws -> [ScrapedSample] {
        try read(bytes, file: file, time: time, fields: fields, required: "VmRSS",
                 missing: "has no VmRSS line; expected /proc/PID/status of a running process")
    }

    public static func readSmapsRollup(_ bytes: [UInt8], file: String, time: Double?) throws -> [ScrapedSample] {
        try read(bytes, file: file, time: time, fields: smapsRollupFields, required: "Rss",
                 missing: "has no Rss line; expected /proc/PID/smaps_rollup of a running process")
    }

    private static func read(_ bytes: [UInt8], file: String, time: Double?, fields: [String: String], required: String,
                             missing: String) throws -> [ScrapedSample] {
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
            if key == required { sawRSS = true }
            samples.append(ScrapedSample(name: metric, labels: [:], value: Double(kB * 1024), timestamp: time))
        }
        guard sawRSS else { throw InputError(file: file, reason: missing) }
        return samples
    }
}
