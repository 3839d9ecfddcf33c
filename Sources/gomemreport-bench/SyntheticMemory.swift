import Foundation
import Render

/// The memory of one synthetic Go service sampled every 10 s, the same numbers in every
/// format the series benchmark writes: 13 runtime/metrics classes with a slow leak in
/// heap objects and a GC sawtooth in each class, their total, and RSS.
struct SyntheticMemory {
    static let start = 1_795_851_163.588
    static let step = 10.0
    static let samplesPerDay = 8640

    /// client_golang's `go_memory_classes_<class>_bytes`, in the order `classes(at:)` gives.
    static let classNames = [
        "heap_objects", "heap_free", "heap_unused", "heap_stacks", "os_stacks", "metadata_other",
        "metadata_mspan_inuse", "metadata_mspan_free", "metadata_mcache_inuse", "metadata_mcache_free",
        "other", "profiling_buckets", "heap_released",
    ]

    let classes: [Int64]

    init(at i: Int) {
        classes = Self.classNames.indices.map { k in
            Int64(1_000_000 * (k + 1)) + Int64(i % (60 + k)) * 4096 + Int64(i) * Int64(k == 0 ? 40 : 1)
        }
    }

    func value(_ name: String) -> Int64 { classes[Self.classNames.firstIndex(of: name)!] }
    var total: Int64 { classes.reduce(0, +) }
    var rss: Int64 { total - value("heap_released") + 6_000_000 }

    /// runtime.MemStats as the runtime derives it from the same classes, by field name.
    var memStats: [String: Int64] {
        let objects = value("heap_objects"), free = value("heap_free"), unused = value("heap_unused")
        let released = value("heap_released")
        return [
            "Alloc": objects, "HeapAlloc": objects, "HeapInuse": objects + unused, "HeapIdle": free + released,
            "HeapReleased": released, "HeapSys": objects + unused + free + released, "HeapObjects": objects / 48,
            "StackInuse": value("heap_stacks"), "StackSys": value("heap_stacks") + value("os_stacks"),
            "MSpanInuse": value("metadata_mspan_inuse"), "MSpanSys": value("metadata_mspan_inuse") + value("metadata_mspan_free"),
            "MCacheInuse": value("metadata_mcache_inuse"), "MCacheSys": value("metadata_mcache_inuse") + value("metadata_mcache_free"),
            "GCSys": value("metadata_other"), "OtherSys": value("other"), "BuckHashSys": value("profiling_buckets"),
            "Sys": total, "NextGC": objects * 2,
        ]
    }

    /// Unix seconds of sample `i`.
    static func time(_ i: Int) -> Double { start + Double(i) * step }

    /// `YYYYMMDDTHHMMSSmmmZ`, the UTC stamp a recording names its snapshots by.
    static func stamp(_ i: Int) -> String {
        let t = UTCTime(unixSeconds: time(i))
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(t.year, 4) + pad(t.month, 2) + pad(t.day, 2) + "T" + pad(t.hour, 2) + pad(t.minute, 2) + pad(t.second, 2)
            + pad(t.millisecond, 3) + "Z"
    }
}

/// How Go's strconv.FormatFloat(v, 'g', -1, 64) writes a float, as client_golang's text
/// exposition does: the shortest digits that read back to the value, in exponent form
/// when the exponent is below -4 or from 6 up (`524288`, `1.1175936e+08`, `2.4957e-05`).
enum GoFloat {
    static func string(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        let sign = value < 0 ? "-" : ""
        // Swift's description has the same shortest digits, laid out its own way.
        let swift = "\(abs(value))"
        var digits: String, exponent: Int
        if let e = swift.firstIndex(of: "e") {
            digits = swift[..<e].replacingOccurrences(of: ".", with: "")
            exponent = Int(swift[swift.index(after: e)...])!
        } else {
            let parts = swift.split(separator: ".", omittingEmptySubsequences: false)
            let whole = String(parts[0]), all = whole + (parts.count > 1 ? String(parts[1]) : "")
            let leadingZeros = all.prefix { $0 == "0" }.count
            digits = String(all.dropFirst(leadingZeros))
            exponent = whole.count - 1 - leadingZeros
        }
        while digits.count > 1 && digits.hasSuffix("0") { digits.removeLast() }
        if exponent < -4 || exponent >= 6 {
            let rest = digits.dropFirst()
            let e = abs(exponent) < 10 ? "0\(abs(exponent))" : "\(abs(exponent))"
            return sign + digits.prefix(1) + (rest.isEmpty ? "" : "." + rest) + "e" + (exponent < 0 ? "-" : "+") + e
        }
        if exponent >= digits.count - 1 {
            return sign + digits + String(repeating: "0", count: exponent - digits.count + 1)
        }
        if exponent >= 0 {
            let point = digits.index(digits.startIndex, offsetBy: exponent + 1)
            return sign + digits[..<point] + "." + digits[point...]
        }
        return sign + "0." + String(repeating: "0", count: -exponent - 1) + digits
    }
}
