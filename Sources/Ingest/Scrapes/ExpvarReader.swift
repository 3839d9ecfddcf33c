import Foundation
import MemoryModel

/// Reads a raw `/debug/vars` body and turns its `memstats` into the gauges
/// client_golang exports from runtime.MemStats (`go_memstats_*_bytes` and friends), so
/// the same breakdown code serves both sources.
///
/// Failure modes, each an `InputError` naming the file: a body that is not a JSON
/// object (with the parser's message), no `memstats` object, a field that is not a
/// number, or `PauseNs`/`PauseEnd` with more than the runtime's 256 entries (each entry
/// becomes a sample: a body of millions would be a memory bomb).
public enum ExpvarReader {
    /// MemStats fields and the client_golang names they become.
    static let names: [(field: String, metric: String)] = [
        ("Alloc", "go_memstats_alloc_bytes"), ("HeapAlloc", "go_memstats_heap_alloc_bytes"),
        ("HeapIdle", "go_memstats_heap_idle_bytes"), ("HeapInuse", "go_memstats_heap_inuse_bytes"),
        ("HeapReleased", "go_memstats_heap_released_bytes"), ("HeapSys", "go_memstats_heap_sys_bytes"),
        ("HeapObjects", "go_memstats_heap_objects"), ("StackInuse", "go_memstats_stack_inuse_bytes"),
        ("StackSys", "go_memstats_stack_sys_bytes"), ("MSpanInuse", "go_memstats_mspan_inuse_bytes"),
        ("MSpanSys", "go_memstats_mspan_sys_bytes"), ("MCacheInuse", "go_memstats_mcache_inuse_bytes"),
        ("MCacheSys", "go_memstats_mcache_sys_bytes"), ("GCSys", "go_memstats_gc_sys_bytes"),
        ("OtherSys", "go_memstats_other_sys_bytes"), ("BuckHashSys", "go_memstats_buck_hash_sys_bytes"),
        ("Sys", "go_memstats_sys_bytes"), ("NextGC", "go_memstats_next_gc_bytes"),
        ("NumGC", "go_gc_cycles_total_gc_cycles_total"), ("TotalAlloc", "go_memstats_alloc_bytes_total"),
        ("Mallocs", "go_memstats_mallocs_total"), ("Frees", "go_memstats_frees_total"),
        ("GCCPUFraction", "go_memstats_gc_cpu_fraction"),
    ]

    /// `pausesAfter`: keep only GC pauses that ended after this time (the previous
    /// body's), since each body repeats up to 256 earlier ones.
    public static func read(_ bytes: [UInt8], file: String, time: Double?, pausesAfter: Double? = nil) throws -> [ScrapedSample] {
        if let body = try fastBody(bytes, file: file) { return try samples(body, file: file, time: time, pausesAfter: pausesAfter) }
        return try readWithFoundation(bytes, file: file, time: time, pausesAfter: pausesAfter)
    }

    /// What a body holds that a report uses, whichever parser read it.
    struct Body {
        /// In `names` order, nil where absent.
        var values: [Double?]
        var cmdline: [String]?
        var pauseNs: [Double]?
        var pauseEnd: [Double]?
    }

    static func samples(_ body: Body, file: String, time: Double?, pausesAfter: Double? = nil) throws -> [ScrapedSample] {
        var samples = names.indices.compactMap { k in
            body.values[k].map { ScrapedSample(name: names[k].metric, labels: [:], value: $0, timestamp: time) }
        }
        // The command line as an info series, so a changed binary or flags shows a restart.
        if let arguments = body.cmdline {
            samples.append(ScrapedSample(name: "expvar_cmdline_info", labels: ["cmdline": arguments.joined(separator: " ")],
                                         value: 1, timestamp: time))
        }
        samples += try pauses(durations: body.pauseNs, ends: body.pauseEnd, file: file, after: pausesAfter)
        return samples
    }

    private static let fieldIndex = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1.field, $0) })

    /// The memstats fields of a body, read with `JSONScanner` rather than building every
    /// object and array of it (a body of 10 KB has some 600 numbers, and a folder of four
    /// weeks 241,920 bodies), in `names` order, nil where absent. Nil for any body this
    /// is not sure to read exactly as JSONSerialization does, which then reads it and
    /// reports what is wrong: bytes that are not UTF-8 or not strict JSON, keys that are
    /// not ASCII (Foundation might compare them differently), a repeated memstats object
    /// or field, or a field that is not a plain integer.
    /// The runtime's circular buffers of GC pauses (`PauseNs`, `PauseEnd`) hold 256.
    static let pauseEntries = 256

    private static func tooManyPauses(_ field: String, file: String) -> InputError {
        InputError(file: file, location: "memstats.\(field)", reason: "has more than \(pauseEntries) entries; the Go runtime keeps the last \(pauseEntries) GC pauses")
    }

    /// Throws only for what the general path would also reject but should not have to
    /// read first: pause arrays longer than the runtime's.
    private static func fastBody(_ bytes: [UInt8], file: String) throws -> Body? {
        guard isASCII(bytes) || String(validating: bytes, as: UTF8.self) != nil else { return nil }
        struct NotPlain: Error {}
        var values = [Double?](repeating: nil, count: names.count)
        var cmdline: [String]?, pauseNs: [Double]?, pauseEnd: [Double]?
        var sawMemStats = false
        func integers(_ scanner: inout JSONScanner, field: String) throws -> [Double] {
            guard scanner.peek() == UInt8(ascii: "[") else { throw NotPlain() }
            var out: [Double] = []
            try scanner.forEachElement { scanner, index in
                guard index < pauseEntries else { throw tooManyPauses(field, file: file) }
                // PauseEnd holds 19-digit nanosecond times; Double(Int64) rounds them as
                // Double(UInt64) does on the JSONSerialization path.
                guard let next = scanner.peek(), next >= 0x30 && next <= 0x39, let value = try scanner.readPlainInteger() else { throw NotPlain() }
                out.append(value)
            }
            return out
        }
        do {
            try bytes.withUnsafeBufferPointer { buffer in
                var scanner = JSONScanner(buffer)
                scanner.strict = true
                guard scanner.peek() == UInt8(ascii: "{") else { throw NotPlain() }
                try scanner.forEachMember { scanner, key in
                    guard isASCII(key) else { throw NotPlain() }
                    if key == "cmdline" {
                        guard cmdline == nil else { throw NotPlain() }
                        guard scanner.peek() == UInt8(ascii: "[") else { return try scanner.skipValue() }
                        var arguments: [String] = []
                        try scanner.forEachElement { scanner, _ in
                            guard scanner.peek() == UInt8(ascii: "\"") else { throw NotPlain() }
                            arguments.append(try scanner.readString())
                        }
                        cmdline = arguments
                        return
                    }
                    guard key == "memstats" else { return try scanner.skipValue() }
                    guard !sawMemStats, scanner.peek() == UInt8(ascii: "{") else { throw NotPlain() }
                    sawMemStats = true
                    try scanner.forEachMember { scanner, field in
                        guard isASCII(field) else { throw NotPlain() }
                        if field == "PauseNs" || field == "PauseEnd" {
                            guard (field == "PauseNs" ? pauseNs : pauseEnd) == nil else { throw NotPlain() }
                            let read = try integers(&scanner, field: field)
                            if field == "PauseNs" { pauseNs = read } else { pauseEnd = read }
                            return
                        }
                        guard let k = fieldIndex[field] else { return try scanner.skipValue() }
                        guard values[k] == nil, let next = scanner.peek(), next == UInt8(ascii: "-") || (next >= 0x30 && next <= 0x39) else { throw NotPlain() }
                        // GCCPUFraction is a fraction; every other field a whole number.
                        let value = field == "GCCPUFraction" ? try scanner.readNumber() : try scanner.readPlainInteger()
                        guard let value, value.isFinite else { throw NotPlain() }
                        values[k] = value
                    }
                }
                try scanner.expectEnd()
            }
        } catch let error as InputError {
            throw error
        } catch {
            return nil
        }
        return sawMemStats ? Body(values: values, cmdline: cmdline, pauseNs: pauseNs, pauseEnd: pauseEnd) : nil
    }

    private static func isASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { $0.allSatisfy { $0 < 0x80 } }
    }

    /// Eight bytes at a time.
    private static func isASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var high: UInt64 = 0
            var index = 0
            while index + 8 <= raw.count {
                high |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                index += 8
            }
            while index < raw.count {
                high |= UInt64(raw[index])
                index += 1
            }
            return high & 0x8080_8080_8080_8080 == 0
        }
    }

    static func readWithFoundation(_ bytes: [UInt8], file: String, time: Double?, pausesAfter: Double? = nil) throws -> [ScrapedSample] {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            let message = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "it does not parse"
            throw InputError(file: file, reason: "not valid JSON: \(message)")
        }
        guard let root = object as? [String: Any] else {
            throw InputError(file: file, reason: "not a JSON object; expected an expvar /debug/vars body")
        }
        guard let memstats = root["memstats"] as? [String: Any] else {
            throw InputError(file: file, location: "memstats", reason: "missing; expvar publishes it when the program imports expvar")
        }
        var values = [Double?](repeating: nil, count: names.count)
        for (k, (field, _)) in names.enumerated() {
            guard let raw = memstats[field] else { continue }
            guard let number = raw as? NSNumber else {
                throw InputError(file: file, location: "memstats.\(field)", reason: "is not a number")
            }
            values[k] = number.doubleValue
        }
        func doubles(_ field: String) throws -> [Double]? {
            guard let numbers = memstats[field] as? [NSNumber] else { return nil }
            guard numbers.count <= pauseEntries else { throw tooManyPauses(field, file: file) }
            // uint64Value wraps what does not fit; such a number is kept as it is, so the
            // year check below sees it.
            return numbers.map { $0.doubleValue >= 0x1p64 ? $0.doubleValue : Double($0.uint64Value) }
        }
        let body = Body(values: values, cmdline: root["cmdline"] as? [String], pauseNs: try doubles("PauseNs"), pauseEnd: try doubles("PauseEnd"))
        return try samples(body, file: file, time: time, pausesAfter: pausesAfter)
    }

    /// The GC pauses the snapshot remembers: `PauseNs[i]` ended at `PauseEnd[i]` (both
    /// circular buffers of 256, zero where unused), as `expvar_gc_pause_seconds` samples
    /// at their own end times. Consecutive snapshots repeat most of them; the series is
    /// an event log that `SeriesTimeOrder` merges without a warning.
    private static func pauses(durations: [Double]?, ends: [Double]?, file: String, after: Double?) throws -> [ScrapedSample] {
        guard let durations, let ends else { return [] }
        guard durations.count == ends.count else {
            throw InputError(file: file, location: "memstats.PauseEnd", reason: "has \(ends.count) entries but PauseNs has \(durations.count)")
        }
        var samples: [ScrapedSample] = []
        for (duration, end) in zip(durations, ends) where end > 0 {
            let seconds = end / 1e9
            guard seconds <= 253_402_300_799 else {
                throw InputError(file: file, location: "memstats.PauseEnd", reason: "holds \(end), beyond the year 9999")
            }
            if let after, seconds <= after { continue }
            samples.append(ScrapedSample(name: SeriesTimeOrder.gcPauseSeries, labels: [:], value: duration / 1e9, timestamp: seconds))
        }
        return samples
    }
}
