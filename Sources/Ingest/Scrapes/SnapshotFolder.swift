import Foundation
import MemoryModel

/// Turns a folder of point-in-time snapshots (`metrics/*.prom`, `expvar/*.json`,
/// `proc/*.status`, named by the UTC stamp `YYYYMMDDTHHMMSSmmmZ`) into series, one per
/// metric name and label set, ordered by time.
public enum SnapshotFolder {
    public enum Kind: String, Sendable {
        case scrapes = "metrics"
        case expvar
        case proc
        /// cgroup v2 `memory.stat`, `memory.current` and `memory.max`, saved as
        /// `<stamp>.stat`, `<stamp>.current` and `<stamp>.max`.
        case cgroup

        var fileExtensions: [String] {
            switch self {
            case .scrapes: return [".prom"]
            case .expvar: return [".json"]
            case .proc: return [".status", ".smaps_rollup"]
            case .cgroup: return [".stat", ".current", ".max"]
            }
        }

        /// Whether `folder` (a recording, or the snapshot folder itself) has snapshots of
        /// this kind.
        public func isPresent(in folder: String) -> Bool {
            for directory in [(folder as NSString).appendingPathComponent(rawValue), folder] {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
                if names.contains(where: { name in fileExtensions.contains { name.hasSuffix($0) } }) { return true }
            }
            return false
        }
    }

    /// Reads every snapshot of `kind` in `folder` (the recording, or the snapshot folder
    /// itself). Series carry the labels `job` = `job` so they group as one instance.
    public static func load(_ kind: Kind, in folder: String, job: String) throws -> [MetricSeries] {
        var skipped: [InputError] = []
        var warnings: [InputWarning] = []
        return try load(kind, in: folder, job: job, strict: true, skipped: &skipped, warnings: &warnings)
    }

    /// As above; unless `strict`, a bad file among good ones is skipped and added to
    /// `skipped` instead of failing the run (a folder of hundreds of snapshots from
    /// production often has one cut short). When every file is bad, the first error is thrown.
    /// Series whose samples had to be sorted or deduplicated add to `warnings`.
    public static func load(_ kind: Kind, in folder: String, job: String, strict: Bool,
                            skipped: inout [InputError], warnings: inout [InputWarning]) throws -> [MetricSeries] {
        var directory = (folder as NSString).appendingPathComponent(kind.rawValue)
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) || !isDirectory.boolValue {
            directory = folder
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { name in !name.hasPrefix(".") && kind.fileExtensions.contains { name.hasSuffix($0) } }.sorted()
        var builders: [SeriesKey: (timestamps: [Double], values: [Double], origin: SeriesOrigin)] = [:]
        var failures: [InputError] = []
        var read = 0
        var order: [SeriesKey] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            let fileExtension = kind.fileExtensions.first { name.hasSuffix($0) }!
            let stamp = String(name.dropLast(fileExtension.count))
            let time = ProfileFileName.stampSeconds(stamp)
            let samples: [ScrapedSample]
            do {
                let bytes = try RecordingFolder.readBytes(path)
                switch kind {
                case .scrapes: samples = try ExpositionReader.read(bytes, file: path, scrapeTime: time)
                case .expvar: samples = try ExpvarReader.read(bytes, file: path, time: time)
                case .proc:
                    samples = fileExtension == ".status" ? try ProcStatusReader.read(bytes, file: path, time: time)
                        : try ProcStatusReader.readSmapsRollup(bytes, file: path, time: time)
                case .cgroup:
                    switch fileExtension {
                    case ".stat": samples = try CgroupReader.readStat(bytes, file: path, time: time)
                    case ".current": samples = try CgroupReader.readSingle(bytes, file: path, time: time, name: "cgroup_memory_current_bytes")
                    default: samples = try CgroupReader.readSingle(bytes, file: path, time: time, name: "cgroup_memory_max_bytes")
                    }
                }
            } catch let error as InputError where !strict {
                failures.append(error)
                continue
            }
            read += 1
            for sample in samples {
                guard let timestamp = sample.timestamp else {
                    throw InputError(file: path, reason: "has no time: neither a sample timestamp nor a YYYYMMDDTHHMMSSmmmZ stamp in its name")
                }
                var labels = sample.labels
                labels["job"] = labels["job"] ?? job
                let key = SeriesKey(name: sample.name, labels: labels)
                if builders[key] == nil {
                    // A series spans many files: name the folder; errors give the sample's time.
                    builders[key] = ([], [], SeriesOrigin(file: directory, location: sample.name))
                    order.append(key)
                }
                builders[key]!.timestamps.append(timestamp)
                builders[key]!.values.append(sample.value)
            }
        }
        if read == 0, let first = failures.first { throw first }
        skipped += failures
        var series = order.map { key in
            let built = builders[key]!
            return MetricSeries(name: key.name, labels: key.labels, timestamps: built.timestamps, values: built.values, origin: built.origin)
        }
        warnings += SeriesTimeOrder.repair(&series)
        return series
    }

    private struct SeriesKey: Hashable {
        var name: String
        var labels: [String: String]
    }
}
