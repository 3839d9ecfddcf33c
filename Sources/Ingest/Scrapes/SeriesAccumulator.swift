import MemoryModel

/// Gathers the samples of a folder of snapshots, file by file, into series: one per
/// metric name and label set (with `job` = the given job unless a sample has its own),
/// in the order they first appear, each ordered by time; of samples at the same time,
/// the last read wins.
///
/// Built for folders of weeks of 10 s snapshots (241,920 files): a sample finds its
/// series by its position in the file when the file before had the same series there,
/// and a series with one sample in each file at the file's time keeps no times of its
/// own until it has to, sharing the files' times.
struct SeriesAccumulator {
    private struct Key: Hashable {
        var name: String
        var labels: [String: String]
    }

    private struct Series {
        var key: Key
        /// The file of its first sample.
        var firstFile: Int
        var values: [Double] = []
        /// Nil while its samples are one per file since `firstFile`, each at the file's
        /// time, so its times are `fileTimes[firstFile...]`.
        var timestamps: [Double]?
    }

    private let job: String
    private let folder: String
    private let expectedFiles: Int
    private var indexByKey: [Key: Int] = [:]
    private var series: [Series] = []
    /// The time of each file read so far (NaN for a file without one in its name).
    private var fileTimes: [Double] = []
    /// The sample at each position of the last file: its name, labels and series.
    private var lastFile: [(name: String, labels: [String: String], index: Int)] = []

    init(job: String, folder: String, expectedFiles: Int) {
        self.job = job
        self.folder = folder
        self.expectedFiles = expectedFiles
    }

    /// How many series the samples so far made.
    var count: Int { series.count }

    /// Begins the next file, with the time its name gives.
    mutating func startFile(time: Double?) {
        fileTimes.append(time ?? .nan)
    }

    /// The series of `sample`, the `position`-th sample of the current file.
    mutating func index(of sample: ScrapedSample, at position: Int) -> Int {
        if position < lastFile.count, lastFile[position].name == sample.name, lastFile[position].labels == sample.labels {
            return lastFile[position].index
        }
        var labels = sample.labels
        labels["job"] = labels["job"] ?? job
        let key = Key(name: sample.name, labels: labels)
        let index: Int
        if let known = indexByKey[key] {
            index = known
        } else {
            index = series.count
            indexByKey[key] = index
            var new = Series(key: key, firstFile: fileTimes.count - 1)
            // Series of the first file are most likely in every file.
            if new.firstFile == 0 { new.values.reserveCapacity(expectedFiles) }
            series.append(new)
        }
        let entry = (sample.name, sample.labels, index)
        if position < lastFile.count { lastFile[position] = entry } else { lastFile.append(entry) }
        return index
    }

    /// Adds a sample of the current file to series `index`.
    mutating func append(_ index: Int, time: Double, value: Double) {
        let file = fileTimes.count - 1
        series[index].values.append(value)
        if series[index].timestamps != nil {
            series[index].timestamps!.append(time)
            return
        }
        let earlier = series[index].values.count - 1
        let firstFile = series[index].firstFile
        if firstFile + earlier == file && time.bitPattern == fileTimes[file].bitPattern { return }
        // Not one sample per file at the file's time any more: it needs times of its own.
        series[index].timestamps = Array(fileTimes[firstFile..<(firstFile + earlier)]) + [time]
    }

    /// The series with their samples in the order read; `SeriesTimeOrder` sorts any
    /// that are not (and says so).
    func finish() -> [MetricSeries] {
        let fileTimesIncrease = zip(fileTimes, fileTimes.dropFirst()).allSatisfy { $0 < $1 }
        return series.map { one in
            let timestamps: [Double], values: [Double]
            if let own = one.timestamps {
                (timestamps, values) = (own, one.values)
            } else if one.firstFile == 0 && one.values.count == fileTimes.count && fileTimesIncrease {
                (timestamps, values) = (fileTimes, one.values)
            } else {
                (timestamps, values) = (Array(fileTimes[one.firstFile..<(one.firstFile + one.values.count)]), one.values)
            }
            // A series spans many files: name the folder; errors give the sample's time.
            return MetricSeries(name: one.key.name, labels: one.key.labels, timestamps: timestamps, values: values,
                                origin: SeriesOrigin(file: folder, location: one.key.name))
        }
    }
}
