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
        /// cgroup v2 `memory.stat`, `memory.current`, `memory.max` and `memory.events`,
        /// saved as `<stamp>.stat`, `<stamp>.current`, `<stamp>.max` and `<stamp>.events`.
        case cgroup

        var fileExtensions: [String] {
            switch self {
            case .scrapes: return [".prom"]
            case .expvar: return [".json"]
            case .proc: return [".status", ".smaps_rollup"]
            case .cgroup: return [".stat", ".current", ".max", ".events"]
            }
        }

        /// Whether `folder` (a recording, or the snapshot folder itself) has snapshots of
        /// this kind.
        public func isPresent(in folder: String) -> Bool {
            [(folder as NSString).appendingPathComponent(rawValue), folder].contains {
                FolderNames.contains(in: $0, endingIn: fileExtensions)
            }
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
    ///
    /// A file beyond `limits` (its size, a line's length) is a bad file like any other;
    /// so is a scrape that is empty, lacks its final line break (cut short: its last
    /// value may be cut too) or has a byte count (`*_bytes`) that is NaN or ±Inf. More
    /// series than `limits.maximumSeries` fail the whole folder.
    public static func load(_ kind: Kind, in folder: String, job: String, strict: Bool,
                            skipped: inout [InputError], warnings: inout [InputWarning],
                            limits: InputLimits = .standard) throws -> [MetricSeries] {
        var directory = (folder as NSString).appendingPathComponent(kind.rawValue)
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) || !isDirectory.boolValue {
            directory = folder
        }
        let names = FolderNames.visible(in: directory, endingIn: kind.fileExtensions)
        // Every name lies in the one folder: its path is this prefix and the name.
        let pathPrefix = String((directory as NSString).appendingPathComponent("x").dropLast())
        var series = SeriesAccumulator(job: job, folder: directory, expectedFiles: names.count)
        var failures: [InputError] = []
        var read = 0
        // The time of the last body read: GC pauses that ended before it were in it.
        var lastExpvarTime: Double?
        var shape: ScrapeShape?
        var shapeValues: [(series: Int, value: Double)] = []
        for name in names {
            let path = pathPrefix + name
            let fileExtension = kind.fileExtensions.first { name.hasSuffix($0) }!
            let stamp = String(name.dropLast(fileExtension.count))
            let time = ProfileFileName.stampSeconds(stamp)
            let samples: [ScrapedSample]
            // A scrape read line by line, to remember as the shape of the next ones.
            var scrape: (bytes: [UInt8], lines: [ExpositionReader.Line])?
            do {
                let bytes = try InputFile.bytes(path, maximumBytes: limits.maximumInputBytes)
                try limits.checkLineLengths(bytes, file: path)
                switch kind {
                case .scrapes:
                    try ExpositionReader.checkComplete(bytes, file: path)
                    // Most scrapes have the last one's lines with other values. A value that
                    // is not finite goes the general way, which says whether it may be.
                    if let time, let known = shape, known.read(bytes, into: &shapeValues),
                       shapeValues.allSatisfy({ $0.value.isFinite }) {
                        read += 1
                        series.startFile(time: time)
                        for (index, value) in shapeValues { series.append(index, time: time, value: value) }
                        continue
                    }
                    let lines = try ExpositionReader.readLines(bytes, file: path, scrapeTime: time,
                                                               maximumSamples: limits.maximumSeries)
                    try ExpositionReader.checkByteCountsAreFinite(lines, file: path)
                    samples = lines.compactMap(\.sample)
                    scrape = (bytes, lines)
                case .expvar:
                    samples = try ExpvarReader.read(bytes, file: path, time: time, pausesAfter: lastExpvarTime)
                    lastExpvarTime = time ?? lastExpvarTime
                case .proc:
                    samples = fileExtension == ".status" ? try ProcStatusReader.read(bytes, file: path, time: time)
                        : try ProcStatusReader.readSmapsRollup(bytes, file: path, time: time)
                case .cgroup:
                    switch fileExtension {
                    case ".stat": samples = try CgroupReader.readStat(bytes, file: path, time: time)
                    case ".current": samples = try CgroupReader.readSingle(bytes, file: path, time: time, name: "cgroup_memory_current_bytes")
                    case ".events": samples = try CgroupReader.readEvents(bytes, file: path, time: time)
                    default: samples = try CgroupReader.readSingle(bytes, file: path, time: time, name: "cgroup_memory_max_bytes")
                    }
                }
            } catch let error as InputError where !strict {
                failures.append(error)
                continue
            }
            read += 1
            series.startFile(time: time)
            var indices: [Int] = []
            indices.reserveCapacity(samples.count)
            for (position, sample) in samples.enumerated() {
                guard let timestamp = sample.timestamp else {
                    throw InputError(file: path, reason: "has no time: neither a sample timestamp nor a YYYYMMDDTHHMMSSmmmZ stamp in its name")
                }
                let index = series.index(of: sample, at: position)
                series.append(index, time: timestamp, value: sample.value)
                indices.append(index)
            }
            guard series.count <= limits.maximumSeries else {
                throw InputError(file: path, reason: "more than \(limits.maximumSeries) series in the recording", exceeded: .series)
            }
            if let scrape {
                var next = indices.makeIterator()
                shape = time == nil ? nil : ScrapeShape(scrape.bytes, lines: scrape.lines,
                                                        series: scrape.lines.map { $0.sample == nil ? nil : next.next() })
            }
        }
        if read == 0, let first = failures.first { throw first }
        skipped += failures
        var result = series.finish()
        warnings += SeriesTimeOrder.repair(&result)
        return result
    }
}
