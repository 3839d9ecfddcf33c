import MemoryModel
import Foundation

/// Records a running Go service into a recording folder: its `/metrics` and
/// `/debug/vars` every interval, `/proc/PID` and its cgroup's memory files when local,
/// and heap and goroutine profiles at the start, every `profilesEvery` and at the end.
///
/// Contracts:
/// - One request at a time; each bounded by `settings.timeout` and a size cap. A
///   failing endpoint is counted and asked again next slot (retried at once only for
///   resets and gateway errors, when half the interval is left); a 404 marks it absent,
///   noted once and never asked again.
/// - Samples are due at `start + k × interval` (`SampleSchedule`); a late one is taken
///   at once and stamped with its real time; overrun slots are missed, not shifted.
/// - `recording.json` is rewritten after every sample, so the folder is valid at every
///   instant; every file is written whole or not at all (`RecordingWriter`).
/// - A stop request ends the sampling and takes the final profiles within
///   `settings.grace`; `stopAtOnce()` (from another thread) writes the manifest and
///   leaves at once.
/// - With a pid, the process exiting ends the recording (`target-exited`).
///
/// Failure mode: `RecordingWriteError` when the recording cannot be written (disk full,
/// permissions); the manifest says `write-failed` if it can still be written.
public final class Recorder: @unchecked Sendable {
    public let settings: RecorderSettings
    let writer: RecordingWriter
    let client: TargetClient
    let stop: StopRequest
    let clock: @Sendable () -> Double
    let onStatus: (RecorderStatus) -> Void
    let onNote: (String) -> Void

    /// Guards everything below, which `stopAtOnce()` reads from another thread.
    let lock = NSLock()
    var ledger = EndpointLedger()
    var samplesTaken = 0, samplesLate = 0, slotsMissed = 0, savedSamples = 0
    var rounds: [RecordingManifest.ProfileRound] = []
    var notes: [String] = []
    var figures = LiveFigures()
    var lastError: String?
    var started = 0.0
    var ended: Double?
    var state = RecordingManifest.State.recording
    var phase = RecorderStatus.Phase.sampling
    var schedule: SampleSchedule?
    /// Set once the final manifest is written; later writes are dropped.
    var finalized = false
    /// The cgroup folder sampled: given, or found from the pid.
    let cgroupFolder: String?

    /// Creates the recording folder (absent or empty) and its subfolders.
    /// `clock` gives Unix seconds. `onStatus` is called after each sample and phase;
    /// `onNote` once for each thing a reader should know (an endpoint found absent …).
    public init(settings: RecorderSettings, folder: String, stop: StopRequest,
                clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
                onStatus: @escaping (RecorderStatus) -> Void = { _ in },
                onNote: @escaping (String) -> Void = { _ in }) throws {
        self.settings = settings
        self.stop = stop
        self.clock = clock
        self.onStatus = onStatus
        self.onNote = onNote
        cgroupFolder = settings.cgroup ?? settings.pid.flatMap { CgroupLocator.folder(ofProcess: $0) }
        var subfolders: [String] = []
        if settings.metricsPath != nil { subfolders.append("metrics") }
        if settings.expvarPath != nil { subfolders.append("expvar") }
        if settings.pprofPrefix != nil { subfolders.append("pprof") }
        if settings.pid != nil { subfolders.append("proc") }
        if cgroupFolder != nil { subfolders.append("cgroup") }
        writer = try RecordingWriter(folder: folder, subfolders: subfolders)
        client = TargetClient(userAgent: settings.userAgent)
    }

    /// Records until the planned end, a stop request, or the process exiting.
    public func run() throws -> RecordingOutcome {
        let start = clock()
        let schedule = SampleSchedule(start: start, interval: settings.interval, duration: settings.duration)
        lock.withLock {
            started = start
            self.schedule = schedule
        }
        if let cgroupFolder, settings.cgroup == nil { note("cgroup found from /proc/\(settings.pid ?? 0)/cgroup: \(cgroupFolder)") }
        try writeManifest()
        do {
            try record(schedule)
        } catch let error as RecordingWriteError {
            finish(.writeFailed)
            lock.withLock { ended = ended ?? clock() }
            note("writing stopped the recording: \(error.description)")
            try? writeManifest()
            throw error
        }
        lock.withLock {
            ended = ended ?? clock()
            phase = .done
        }
        try writeManifest()
        publishStatus()
        return lock.withLock {
            RecordingOutcome(manifest: manifestLocked(), savedSamples: savedSamples,
                             emptyReason: savedSamples == 0 ? emptyReasonLocked() : nil)
        }
    }

    private func record(_ schedule: SampleSchedule) throws {
        var slot = 0
        var nextRound = settings.profilesEvery.map { schedule.start + $0 }
        if try !sample(slot: 0, schedule: schedule) { return }
        if settings.pprofPrefix != nil, !stop.isRequested { try profileRound("start", deadline: nil) }
        while true {
            guard let next = schedule.next(after: slot, now: clock()) else {
                if let last = schedule.lastSlot { lock.withLock { slotsMissed += max(0, last - slot) } }
                finish(.completed)
                break
            }
            lock.withLock { slotsMissed += next.missed }
            slot = next.slot
            if stop.wait(until: schedule.time(ofSlot: slot)) {
                finish(.interrupted)
                break
            }
            if try !sample(slot: slot, schedule: schedule) { return }
            let isLast = schedule.lastSlot == slot
            if let due = nextRound, !isLast, clock() >= due - settings.interval / 2, settings.pprofPrefix != nil {
                try profileRound("periodic", deadline: nil)
                if let every = settings.profilesEvery {
                    while let current = nextRound, current <= clock() { nextRound = current + every }
                }
            }
        }
        guard settings.pprofPrefix != nil else { return }
        let interrupted = lock.withLock { state == .interrupted }
        try profileRound("final", deadline: interrupted ? clock() + settings.grace : nil)
    }

    /// Sets how the recording ended, once; `run` sets the end time after the final profiles.
    func finish(_ ending: RecordingManifest.State) {
        lock.withLock {
            guard state == .recording else { return }
            state = ending
        }
    }

    /// Records a note for the manifest and says it once.
    func note(_ text: String) {
        lock.withLock { notes.append(text) }
        onNote(text)
    }

    /// Leaves at once, from another thread (a second Ctrl-C): removes the file being
    /// written, writes the manifest as `stopped-at-once`. The recorder's own thread is
    /// abandoned; the caller exits the process next.
    public func stopAtOnce() {
        stop.request()
        lock.lock()
        defer { lock.unlock() }
        // Under the lock, so a manifest being written is finished rather than removed.
        writer.abandon()
        guard !finalized else { return }
        if state == .recording || state == .interrupted { state = .stoppedAtOnce }
        ended = ended ?? clock()
        notes.append("stopped at once by a second interrupt: no final profiles")
        finalized = true
        try? writer.write(manifestLocked().encoded(), to: "recording.json")
    }
}
