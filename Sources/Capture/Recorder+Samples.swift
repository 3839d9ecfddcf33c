import Foundation
import Ingest
import MemoryModel

extension Recorder {
    /// Takes the sample of `slot`. False when the recording must end: the process
    /// exited, or neither memory endpoint exists.
    func sample(slot: Int, schedule: SampleSchedule) throws -> Bool {
        let begin = clock()
        let due = schedule.time(ofSlot: slot)
        let nextDue = schedule.time(ofSlot: slot + 1)
        lock.withLock {
            phase = .sampling
            samplesTaken += 1
            if begin - due > settings.interval / 10 { samplesLate += 1 }
        }
        var saved = false
        if let path = settings.metricsPath, !ledger(absent: .metrics) {
            saved = try fetchSeries(.metrics, url: settings.url(path), folder: "metrics", suffix: ".prom",
                                    accept: "text/plain;version=0.0.4;q=1,*/*;q=0.1", nextDue: nextDue) || saved
        }
        if let path = settings.expvarPath, !ledger(absent: .expvar) {
            saved = try fetchSeries(.expvar, url: settings.url(path), folder: "expvar", suffix: ".json",
                                    accept: "application/json", nextDue: nextDue) || saved
        }
        if saved { lock.withLock { savedSamples += 1 } }
        if let pid = settings.pid, try !readProc(pid) { return false }
        if let cgroupFolder { try readCgroup(cgroupFolder) }
        try writeManifest()
        publishStatus()
        let memoryEndpoints = [(Endpoint.metrics, settings.metricsPath), (.expvar, settings.expvarPath)]
        if memoryEndpoints.allSatisfy({ $0.1 == nil || ledger(absent: $0.0) }) {
            note("neither \(settings.metricsPath ?? "/metrics") nor \(settings.expvarPath ?? "/debug/vars") is served: nothing to record")
            finish(.completed)
            return false
        }
        return true
    }

    func ledger(absent endpoint: Endpoint) -> Bool {
        lock.withLock { ledger.isAbsent(endpoint) }
    }

    /// Asks for one memory body; saves it under `<folder>/<stamp><suffix>` when it reads
    /// as the endpoint's format. True when saved.
    private func fetchSeries(_ endpoint: Endpoint, url: URL, folder: String, suffix: String, accept: String,
                             nextDue: Double) throws -> Bool {
        var sent = clock()
        var result = client.get(url, timeout: settings.timeout, limit: settings.maximumResponseBytes, accept: accept)
        if case .failure(let failure) = result, failure.isWorthRetrying, nextDue - clock() > settings.interval / 2 {
            count(failure, for: endpoint, at: sent)
            sent = clock()
            result = client.get(url, timeout: settings.timeout, limit: settings.maximumResponseBytes, accept: accept)
        }
        let body: [UInt8]
        switch result {
        case .failure(let failure):
            count(failure, for: endpoint, at: sent)
            return false
        case .success(let bytes):
            body = bytes
        }
        let name = "\(folder)/\(UTCStamp.fileStamp(sent))\(suffix)"
        do {
            if endpoint == .metrics {
                let samples = try ExpositionReader.read(body, file: url.absoluteString, scrapeTime: sent)
                lock.withLock { figures.update(scrape: samples) }
            } else {
                let samples = try ExpvarReader.read(body, file: url.absoluteString, time: sent)
                lock.withLock { figures.update(expvar: samples) }
            }
        } catch let error as InputError {
            count(.invalid(error.reason), for: endpoint, at: sent)
            return false
        }
        try writer.write(body, to: name)
        lock.withLock { ledger.answered(endpoint, bytes: body.count) }
        return true
    }

    /// `/proc/PID/status` and `smaps_rollup`. False when the process is gone.
    private func readProc(_ pid: Int32) throws -> Bool {
        let time = clock()
        let stamp = UTCStamp.fileStamp(time)
        let status = "/proc/\(pid)/status"
        guard let bytes = readLocalFile(status) else {
            if !FileManager.default.fileExists(atPath: "/proc/\(pid)") {
                note("process \(pid) exited at \(UTCStamp.rfc3339(time)): the recording ends there")
                finish(.targetExited)
                return false
            }
            count(.unreadable("cannot read \(status)"), for: .proc, at: time)
            return true
        }
        do {
            let samples = try ProcStatusReader.read(bytes, file: status, time: time)
            lock.withLock { figures.update(procStatus: samples) }
        } catch let error as InputError {
            // A zombie's status has no VmRSS: the process has exited.
            if !bytes.isEmpty, String(decoding: bytes, as: UTF8.self).contains("State:\tZ") {
                note("process \(pid) exited at \(UTCStamp.rfc3339(time)): the recording ends there")
                finish(.targetExited)
                return false
            }
            count(.invalid(error.reason), for: .proc, at: time)
            return true
        }
        try writer.write(bytes, to: "proc/\(stamp).status")
        var total = bytes.count
        if let rollup = readLocalFile("/proc/\(pid)/smaps_rollup"),
           (try? ProcStatusReader.readSmapsRollup(rollup, file: "smaps_rollup", time: time)) != nil {
            try writer.write(rollup, to: "proc/\(stamp).smaps_rollup")
            total += rollup.count
        }
        lock.withLock { ledger.answered(.proc, bytes: total) }
        return true
    }

    /// The cgroup's memory.stat, .current, .max and .events, each as `<stamp>.<name>`.
    private func readCgroup(_ folder: String) throws {
        let time = clock()
        let stamp = UTCStamp.fileStamp(time)
        var total = 0
        for file in ["stat", "current", "max", "events"] {
            let path = "\(folder)/memory.\(file)"
            guard let bytes = readLocalFile(path) else {
                count(.unreadable("cannot read \(path)"), for: .cgroup, at: time)
                return
            }
            try writer.write(bytes, to: "cgroup/\(stamp).\(file)")
            total += bytes.count
        }
        lock.withLock { ledger.answered(.cgroup, bytes: total) }
    }

    /// A pseudo-file's bytes (their size is not known before reading), or nil.
    func readLocalFile(_ path: String) -> [UInt8]? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.readToEnd() else { return nil }
        return [UInt8](data ?? Data())
    }
}
