import Foundation
import MemoryModel

/// Picks and reads the profiles a report shows from a recording's `pprof/` folder:
/// the latest heap, goroutine and goroutineleak profiles, and the earliest of each as
/// the diff base.
/// Of several forms taken at one moment it prefers a `debug=2` dump for goroutines (it
/// has wait states and ages) and the proto for heaps.
public enum RecordingProfiles {
    /// Scans `folder/pprof`; reads only the (up to six) profiles it picks.
    public static func load(folder: String, maximumBytes: Int = ProfileReader.defaultMaximumBytes,
                            maximumLineBytes: Int = InputLimits.defaultMaximumLineBytes) throws -> ProfileSet {
        let pprof = (folder as NSString).appendingPathComponent("pprof")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: pprof)) ?? []
        return try select(names: names, maximumBytes: maximumBytes, maximumLineBytes: maximumLineBytes) { name in
            let path = (pprof as NSString).appendingPathComponent(name)
            return (path, try ProfileReader.readBytes(path, maximumBytes: maximumBytes))
        }
    }

    /// Picks from file names in a `pprof/` folder and reads the picked ones through
    /// `read`, which returns the path to name in errors and the bytes (the bundled
    /// demo reads from memory).
    public static func select(names: [String], maximumBytes: Int = ProfileReader.defaultMaximumBytes,
                              maximumLineBytes: Int = InputLimits.defaultMaximumLineBytes,
                              read: (String) throws -> (path: String, bytes: [UInt8])) throws -> ProfileSet {
        var candidates: [(name: String, parsed: ProfileFileName)] = names.sorted().compactMap { name in
            ProfileFileName(name).map { (name, $0) }
        }
        candidates.removeAll { $0.parsed.time == nil }
        func pick(_ kind: String, preferring formats: [ProfileFileName.Format]) -> (first: String?, last: String?) {
            let ofKind = candidates.filter { $0.parsed.kind == kind }
            let times = Set(ofKind.compactMap(\.parsed.time)).sorted()
            func named(_ format: ProfileFileName.Format, at time: Double?) -> String? {
                ofKind.first { $0.parsed.time == time && $0.parsed.format == format }?.name
            }
            func best(at time: Double?) -> String? {
                guard let time else { return nil }
                return formats.lazy.compactMap { named($0, at: time) }.first
            }
            // Diff like with like: a recorder may have skipped the last debug=2 dump (too
            // many goroutines), so prefer a form that both ends have.
            if times.count > 1, let shared = formats.first(where: { named($0, at: times.first) != nil && named($0, at: times.last) != nil }) {
                return (named(shared, at: times.first), named(shared, at: times.last))
            }
            return (best(at: times.first), times.count > 1 ? best(at: times.last) : best(at: times.first))
        }
        let heap = pick("heap", preferring: [.proto, .text])
        let goroutine = pick("goroutine", preferring: [.dump, .proto, .text])
        let leak = pick("goroutineleak", preferring: [.proto, .text])
        func load(_ name: String?) throws -> RecordedProfile? {
            guard let name else { return nil }
            let file = try read(name)
            return try profile(file.bytes, path: file.path, label: "pprof/\(name)", maximumBytes: maximumBytes,
                               maximumLineBytes: maximumLineBytes)
        }
        var set = ProfileSet(heap: try load(heap.last), goroutine: try load(goroutine.last))
        if heap.first != heap.last { set.heapBase = try load(heap.first) }
        if goroutine.first != goroutine.last { set.goroutineBase = try load(goroutine.first) }
        set.goroutineLeak = try load(leak.last)
        if leak.first != leak.last { set.goroutineLeakBase = try load(leak.first) }
        return set
    }

    /// Reads one profile file, naming it `label` in the report.
    public static func profile(at path: String, label: String, maximumBytes: Int = ProfileReader.defaultMaximumBytes,
                               maximumLineBytes: Int = InputLimits.defaultMaximumLineBytes) throws -> RecordedProfile {
        recorded(try ProfileReader.load(path: path, maximumBytes: maximumBytes, maximumLineBytes: maximumLineBytes), path: path, label: label)
    }

    /// Decodes one profile's bytes; `path` names it in errors, `label` in the report.
    public static func profile(_ bytes: [UInt8], path: String, label: String,
                               maximumBytes: Int = ProfileReader.defaultMaximumBytes,
                               maximumLineBytes: Int = InputLimits.defaultMaximumLineBytes) throws -> RecordedProfile {
        recorded(try ProfileReader.read(bytes, file: path, maximumBytes: maximumBytes, maximumLineBytes: maximumLineBytes),
                 path: path, label: label)
    }

    private static func recorded(_ profile: Profile, path: String, label: String) -> RecordedProfile {
        let name = (path as NSString).lastPathComponent
        let time = profile.timeNanos > 0 ? Double(profile.timeNanos) / 1e9 : ProfileFileName(name)?.time
        return RecordedProfile(kind: RecordedProfile.kind(of: profile), file: label, time: time, profile: profile)
    }
}
