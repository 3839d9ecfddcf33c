import MemoryModel

/// Reads cgroup v2 memory files: `memory.stat` (key value, bytes), `memory.current`
/// (one number), `memory.max` (a number, or `max` for no limit) and `memory.events`.
///
/// From `memory.stat` it keeps anon, file and shmem, and kernel memory: the `kernel`
/// key where the kernel reports it, else the sum of kernel_stack, pagetables, percpu,
/// sock, vmalloc and slab. Kernel memory counts toward an OOM kill though Go cannot
/// see it.
///
/// Failure modes, each an `InputError` naming the file and `line N`: a value that is
/// not a whole number (or, in memory.max, `max`); an empty memory.stat or memory.events.
public enum CgroupReader {
    static let kernelParts = ["kernel_stack", "pagetables", "percpu", "sock", "vmalloc", "slab"]

    public static func readStat(_ bytes: [UInt8], file: String, time: Double?) throws -> [ScrapedSample] {
        var values: [String: Double] = [:]
        let text = try nonEmptyText(bytes, file: file, expected: "memory.stat")
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2, let value = UInt64(parts[1]) else {
                throw InputError(file: file, location: "line \(number + 1)", reason: "expected “key bytes”, found “\(line.prefix(60))”")
            }
            values[String(parts[0])] = Double(value)
        }
        var samples: [ScrapedSample] = []
        func add(_ name: String, _ value: Double?) {
            if let value { samples.append(ScrapedSample(name: name, labels: [:], value: value, timestamp: time)) }
        }
        add("cgroup_memory_anon_bytes", values["anon"])
        add("cgroup_memory_file_bytes", values["file"])
        add("cgroup_memory_shmem_bytes", values["shmem"])
        let parts = kernelParts.compactMap { values[$0] }
        add("cgroup_memory_kernel_bytes", values["kernel"] ?? (parts.isEmpty ? nil : parts.reduce(0, +)))
        return samples
    }

    /// `memory.events`: how often the cgroup hit `memory.high` and `memory.max`, ran the
    /// OOM killer (`oom`) and had a process killed by it (`oom_kill`). Counters since the
    /// cgroup was made; unknown keys are left out.
    public static func readEvents(_ bytes: [UInt8], file: String, time: Double?) throws -> [ScrapedSample] {
        var samples: [ScrapedSample] = []
        let text = try nonEmptyText(bytes, file: file, expected: "memory.events")
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2, let value = UInt64(parts[1]) else {
                throw InputError(file: file, location: "line \(number + 1)", reason: "expected “event count”, found “\(line.prefix(60))”")
            }
            guard let name = eventSeries[String(parts[0])] else { continue }
            samples.append(ScrapedSample(name: name, labels: [:], value: Double(value), timestamp: time))
        }
        return samples
    }

    /// The kernel never writes these files empty: an empty one was cut short, or is not
    /// what its name says.
    private static func nonEmptyText(_ bytes: [UInt8], file: String, expected: String) throws -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw InputError(file: file, reason: "the file is empty; expected a cgroup v2 \(expected)")
        }
        return text
    }

    /// memory.events keys → series names.
    public static let eventSeries = [
        "high": "cgroup_memory_events_high_total", "max": "cgroup_memory_events_max_total",
        "oom": "cgroup_memory_events_oom_total", "oom_kill": "cgroup_memory_events_oom_kill_total",
    ]

    /// `memory.current` or `memory.max`; `max` (no limit) gives no sample.
    public static func readSingle(_ bytes: [UInt8], file: String, time: Double?, name: String) throws -> [ScrapedSample] {
        let text = String(decoding: bytes, as: UTF8.self).trimmingWhitespace()
        if text == "max" { return [] }
        guard let value = UInt64(text) else {
            throw InputError(file: file, location: "line 1", reason: "expected a number of bytes\(name.hasSuffix("max_bytes") ? " or max" : ""), found “\(text.prefix(60))”")
        }
        return [ScrapedSample(name: name, labels: [:], value: Double(value), timestamp: time)]
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
