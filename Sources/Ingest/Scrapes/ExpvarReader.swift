import Foundation
import MemoryModel

/// Reads a raw `/debug/vars` body and turns its `memstats` into the gauges
/// client_golang exports from runtime.MemStats (`go_memstats_*_bytes` and friends), so
/// the same breakdown code serves both sources.
///
/// Failure modes, each an `InputError` naming the file: a body that is not a JSON
/// object (with the parser's message), no `memstats` object, or a field that is not a
/// number.
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
    ]

    public static func read(_ bytes: [UInt8], file: String, time: Double?) throws -> [ScrapedSample] {
        if let values = memStatsValues(bytes) {
            return names.indices.compactMap { k in
                values[k].map { ScrapedSample(name: names[k].metric, labels: [:], value: $0, timestamp: time) }
            }
        }
        return try readWithFoundation(bytes, file: file, time: time)
    }

    private static let fieldIndex = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1.field, $0) })

    /// The memstats fields of a body, read with `JSONScanner` rather than building every
    /// object and array of it (a body of 10 KB has some 600 numbers, and a folder of four
    /// weeks 241,920 bodies), in `names` order, nil where absent. Nil for any body this
    /// is not sure to read exactly as JSONSerialization does, which then reads it and
    /// reports what is wrong: bytes that are not UTF-8 or not strict JSON, keys that are
    /// not ASCII (Foundation might compare them differently), a repeated memstats object
    /// or field, or a field that is not a plain integer.
    private static func memStatsValues(_ bytes: [UInt8]) -> [Double?]? {
        guard isASCII(bytes) || String(validating: bytes, as: UTF8.self) != nil else { return nil }
        struct NotPlain: Error {}
        var values = [Double?](repeating: nil, count: names.count)
        var sawMemStats = false
        do {
            try bytes.withUnsafeBufferPointer { buffer in
                var scanner = JSONScanner(buffer)
                scanner.strict = true
                guard scanner.peek() == UInt8(ascii: "{") else { throw NotPlain() }
                try scanner.forEachMember { scanner, key in
                    guard isASCII(key) else { throw NotPlain() }
                    guard key == "memstats" else { return try scanner.skipValue() }
                    guard !sawMemStats, scanner.peek() == UInt8(ascii: "{") else { throw NotPlain() }
                    sawMemStats = true
                    try scanner.forEachMember { scanner, field in
                        guard isASCII(field) else { throw NotPlain() }
                        guard let k = fieldIndex[field] else { return try scanner.skipValue() }
                        guard values[k] == nil, let next = scanner.peek(), next == UInt8(ascii: "-") || (next >= 0x30 && next <= 0x39),
                              let value = try scanner.readPlainInteger() else { throw NotPlain() }
                        values[k] = value
                    }
                }
                try scanner.expectEnd()
            }
        } catch {
            return nil
        }
        return sawMemStats ? values : nil
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

    static func readWithFoundation(_ bytes: [UInt8], file: String, time: Double?) throws -> [ScrapedSample] {
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
        var samples: [ScrapedSample] = []
        for (field, metric) in names {
            guard let raw = memstats[field] else { continue }
            guard let number = raw as? NSNumber else {
                throw InputError(file: file, location: "memstats.\(field)", reason: "is not a number")
            }
            samples.append(ScrapedSample(name: metric, labels: [:], value: number.doubleValue, timestamp: time))
        }
        return samples
    }
}
