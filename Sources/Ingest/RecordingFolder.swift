import Foundation
import MemoryModel

/// Reads a recording: a folder laid out as the README's "Recording layout" describes,
/// or a single Prometheus query_range JSON file.
///
/// Today it reads `prometheus/*.json` (query_range answers), `notes.md`, the heap and
/// goroutine profiles in `pprof/` that a report shows, and `recording.json` (how the
/// recording was made; a broken one is a warning, or an error with `strict`). Failure
/// modes, each an `InputError` naming the path: a missing path, a folder without any
/// query_range answer, unreadable files, input beyond `InputLimits`, and whatever the
/// format readers reject.
public enum RecordingFolder {
    /// Loads the recording at `path` (a folder or a query_range JSON file).
    /// Unless `strict`, a bad snapshot file among good ones is skipped and listed in
    /// `Recording.skipped` rather than failing the run.
    public static func load(path: String, limits: InputLimits = .standard, strict: Bool = false) throws -> Recording {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(file: path, reason: "no such file or folder")
        }
        let name = URL(fileURLWithPath: path).standardizedFileURL.lastPathComponent
        guard isDirectory.boolValue else {
            let bytes = try InputFile.bytes(path, maximumBytes: limits.maximumInputBytes)
            let stem = name.hasSuffix(".json") ? String(name.dropLast(5)) : name
            return try recording(name: stem, location: path, files: [(path, name, bytes)], notes: nil, limits: limits)
        }
        let folder = URL(fileURLWithPath: path)
        let notesPath = folder.appendingPathComponent("notes.md").path
        let notes = FileManager.default.fileExists(atPath: notesPath) ? try InputFile.notes(notesPath, limits: limits) : nil
        let answers = jsonFiles(in: folder.appendingPathComponent("prometheus")).map {
            (path: (path as NSString).appendingPathComponent("prometheus/\($0)"), label: "prometheus/\($0)")
        }
        func present(_ kind: SnapshotFolder.Kind) -> String? {
            let directory = (path as NSString).appendingPathComponent(kind.rawValue)
            return kind.isPresent(in: directory) ? directory : nil
        }
        let sources = RecordingSources(
            name: name, location: path, prometheusAnswers: answers, scrapes: present(.scrapes), expvar: present(.expvar),
            proc: present(.proc), cgroup: present(.cgroup), notes: notes)
        var loaded = try assemble(sources, strict: strict, limits: limits)
        loaded.profiles = try RecordingProfiles.load(folder: path, maximumBytes: limits.maximumProfileBytes,
                                                     maximumLineBytes: limits.maximumLineBytes)
        let manifestPath = folder.appendingPathComponent("recording.json").path
        if FileManager.default.fileExists(atPath: manifestPath) {
            do {
                loaded.provenance = try RecordingProvenance.decode(try InputFile.bytes(manifestPath, maximumBytes: limits.maximumInputBytes),
                                                                   file: manifestPath)
            } catch let error as InputError where !strict {
                // The manifest only describes the recording; the data stands without it.
                loaded.warnings.append(InputWarning(file: error.file, reason: error.reason + "; ignored"))
            }
        }
        return loaded
    }

    /// Builds a recording from sources given one by one (a folder's, or the CLI's
    /// `--prometheus-json`, `--scrapes`, `--expvar`, `--proc`, `--cgroup`). Memory
    /// classes come from the first present of query_range answers, scrapes and expvar;
    /// RSS from `/proc` where recorded; the container's memory from cgroup files.
    public static func assemble(_ sources: RecordingSources, strict: Bool = false, limits: InputLimits = .standard) throws -> Recording {
        var loaded: Recording
        if !sources.prometheusAnswers.isEmpty {
            let files = try sources.prometheusAnswers.map { ($0.path, $0.label, try InputFile.bytes($0.path, maximumBytes: limits.maximumInputBytes)) }
            loaded = try recording(name: sources.name, location: sources.location, files: files, notes: sources.notes, limits: limits)
        } else {
            loaded = try snapshotRecording(sources, strict: strict, limits: limits)
        }
        if let proc = sources.proc { try addProc(to: &loaded, folder: proc, strict: strict, limits: limits) }
        if let cgroup = sources.cgroup { try addCgroup(to: &loaded, folder: cgroup, strict: strict, limits: limits) }
        return loaded
    }

    /// The snapshots of `kind`, labelled as the recording's single instance so they
    /// join its series; skipped files are added to the recording's.
    private static func snapshots(_ kind: SnapshotFolder.Kind, for recording: inout Recording, folder: String,
                                  strict: Bool, limits: InputLimits) throws -> [MetricSeries] {
        let id = recording.instances[0].id
        return try SnapshotFolder.load(kind, in: folder, job: id.job, strict: strict, skipped: &recording.skipped,
                                       warnings: &recording.warnings, limits: limits).map { series in
            var series = series
            series.labels["job"] = id.job
            if !id.instance.isEmpty { series.labels["instance"] = id.instance }
            return series
        }
    }

    /// The container's memory (cgroup v2) of a recording of one instance: its limit,
    /// current usage and kernel memory, which count toward an OOM kill.
    private static func addCgroup(to recording: inout Recording, folder: String, strict: Bool, limits: InputLimits) throws {
        guard recording.instances.count == 1 else { return }
        recording.instances[0].series += try snapshots(.cgroup, for: &recording, folder: folder, strict: strict, limits: limits)
        recording.sourceFiles.append(folder.hasSuffix("/cgroup") || folder == "cgroup" ? "cgroup/*" : folder)
    }

    /// `/proc/PID/status` files of a recording of one instance; the breakdown prefers
    /// their VmRSS over `process_resident_memory_bytes`. With several instances,
    /// nothing says which process the files describe.
    private static func addProc(to recording: inout Recording, folder: String, strict: Bool, limits: InputLimits) throws {
        guard recording.instances.count == 1 else { return }
        recording.instances[0].series += try snapshots(.proc, for: &recording, folder: folder, strict: strict, limits: limits)
        recording.sourceFiles.append(folder.hasSuffix("/proc") || folder == "proc" ? "proc/*.status" : folder)
    }

    /// Without a query_range answer, the recording's own snapshots: `/metrics` scrapes
    /// (which carry runtime/metrics and RSS), else expvar (MemStats).
    private static func snapshotRecording(_ sources: RecordingSources, strict: Bool, limits: InputLimits) throws -> Recording {
        var series: [MetricSeries] = []
        var labels: [String] = []
        var skipped: [InputError] = []
        var warnings: [InputWarning] = []
        if let scrapes = sources.scrapes {
            series = try SnapshotFolder.load(.scrapes, in: scrapes, job: sources.name, strict: strict, skipped: &skipped, warnings: &warnings,
                                         limits: limits)
            labels.append(sources.label(for: scrapes, kind: .scrapes))
        } else if let expvar = sources.expvar {
            series = try SnapshotFolder.load(.expvar, in: expvar, job: sources.name, strict: strict, skipped: &skipped, warnings: &warnings,
                                         limits: limits)
            labels.append(sources.label(for: expvar, kind: .expvar))
        } else {
            throw InputError(file: sources.location, reason: "no memory data in this recording folder: expected prometheus/*.json (query_range answers), metrics/*.prom (/metrics scrapes) or expvar/*.json (/debug/vars)")
        }
        var recording = Recording(name: sources.name, location: sources.location, sourceFiles: labels, series: series, notes: sources.notes)
        recording.skipped = skipped
        recording.warnings = warnings
        return recording
    }

    /// Builds a recording from query_range answers already in memory (the bundled demo).
    /// `path` names a file in errors; `label` is its path inside the recording. The
    /// answers together may hold at most `limits.maximumSeries` series.
    public static func recording(name: String, location: String, files: [(path: String, label: String, bytes: [UInt8])],
                                 notes: String?, limits: InputLimits = .standard) throws -> Recording {
        var series: [MetricSeries] = []
        for file in files {
            var left = limits
            left.maximumSeries = max(0, limits.maximumSeries - series.count)
            var read = try PrometheusRangeReader.read(file.bytes, file: file.path, limits: left)
            for index in read.indices { read[index].origin.label = file.label }
            series += read
        }
        let warnings = SeriesTimeOrder.repair(&series)
        var recording = Recording(name: name, location: location, sourceFiles: files.map(\.label), series: series, notes: notes)
        recording.warnings = warnings
        return recording
    }

    /// Builds a recording from answers fetched from a server, exactly as `load` builds
    /// it from the folder that saving them makes (`prometheus/<name>.json`, read in the
    /// same order), so a live report and the re-rendered saved one are the same.
    /// `origin` names an answer in errors.
    public static func recording(name: String, location: String, answers: [PrometheusAnswer],
                                 origin: (PrometheusAnswer) -> String) throws -> Recording {
        let files = answers.map { (path: origin($0), label: $0.recordingPath, bytes: $0.bytes) }
            .sorted { answerOrder(($0.label as NSString).lastPathComponent, ($1.label as NSString).lastPathComponent) }
        return try recording(name: name, location: location, files: files, notes: nil)
    }

    private static func jsonFiles(in folder: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted { answerOrder($0, $1) }
    }

    /// The order answers in `prometheus/` are read in: query_range.json first, then the
    /// rest by name, so the order is stable.
    private static func answerOrder(_ a: String, _ b: String) -> Bool {
        (a == "query_range.json" ? 0 : 1, a) < (b == "query_range.json" ? 0 : 1, b)
    }
}
