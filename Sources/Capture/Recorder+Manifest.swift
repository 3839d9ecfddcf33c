import MemoryModel

extension Recorder {
    /// Rewrites `recording.json` from the current state, unless a stop at once already
    /// wrote the last one.
    func writeManifest() throws {
        lock.lock()
        defer { lock.unlock() }
        guard !finalized else { return }
        try writer.write(manifestLocked().encoded(), to: "recording.json")
    }

    /// The manifest of what has happened so far; call with `lock` held.
    func manifestLocked() -> RecordingManifest {
        let endpoints = Endpoint.allCases.compactMap { endpoint -> RecordingManifest.EndpointReport? in
            guard let source = source(of: endpoint) else { return nil }
            let entry = ledger.entry(endpoint)
            let errors = entry.failures.sorted { $0.key < $1.key }.map { kind, count in
                RecordingManifest.Failure(kind: kind, count: count.count, first: UTCStamp.rfc3339(count.first),
                                          last: UTCStamp.rfc3339(count.last), message: count.message)
            }
            return RecordingManifest.EndpointReport(
                endpoint: endpoint.rawValue, source: source, requests: entry.requests, answers: entry.answers,
                bytes: entry.bytes, absent: entry.absent, skipped: entry.skipped, errors: errors)
        }
        return RecordingManifest(
            tool: settings.toolVersion,
            target: .init(url: settings.displayTarget, pid: settings.pid, cgroup: cgroupFolder),
            intervalSeconds: settings.interval, durationSeconds: settings.duration,
            profilesEverySeconds: settings.profilesEvery, started: UTCStamp.rfc3339(started),
            ended: ended.map(UTCStamp.rfc3339), state: state,
            samples: .init(taken: samplesTaken, late: samplesLate, missed: slotsMissed),
            profileRounds: rounds, endpoints: endpoints, notes: notes, errorCount: ledger.failureCount)
    }

    /// What an endpoint reads, for the manifest; nil when it is not recorded.
    func source(of endpoint: Endpoint) -> String? {
        let target = settings.displayTarget.hasSuffix("/") ? String(settings.displayTarget.dropLast()) : settings.displayTarget
        switch endpoint {
        case .metrics: return settings.metricsPath.map { target + $0 }
        case .expvar: return settings.expvarPath.map { target + $0 }
        case .heapProfile: return settings.pprofPrefix.map { target + $0 + "/heap" }
        case .goroutineProfile: return settings.pprofPrefix.map { target + $0 + "/goroutine" }
        case .goroutineLeakProfile: return settings.pprofPrefix.map { target + $0 + "/goroutineleak" }
        case .proc: return settings.pid.map { "/proc/\($0)/status" }
        case .cgroup: return cgroupFolder
        }
    }

    /// Why no memory body was saved; call with `lock` held.
    func emptyReasonLocked() -> String {
        let parts = [Endpoint.metrics, .expvar].compactMap { endpoint -> String? in
            guard let source = source(of: endpoint) else { return nil }
            let entry = ledger.entry(endpoint)
            if entry.absent { return "\(source) answered 404" }
            let failures = entry.failures.sorted { $0.value.count > $1.value.count }
            guard let worst = failures.first else { return "\(source) was not asked" }
            return "\(source): \(worst.value.message) (\(worst.value.count) of \(entry.requests) requests)"
        }
        return parts.isEmpty ? "neither /metrics nor /debug/vars was recorded" : parts.joined(separator: "; ")
    }

    /// Sends the status to the caller.
    func publishStatus() {
        let status = lock.withLock {
            RecorderStatus(started: started, ends: schedule?.end, samples: samplesTaken, profileRounds: rounds.count,
                           figures: figures, errors: ledger.failureCount, lastError: lastError, phase: phase)
        }
        onStatus(status)
    }

    /// Counts a failure, says once that a 404 endpoint is skipped from now on.
    func count(_ failure: FetchFailure, for endpoint: Endpoint, at time: Double) {
        if failure == .status(404), endpoint.absenceIsExpected {
            lock.withLock { _ = ledger.failed(endpoint, failure, at: time) }
            return
        }
        let newlyAbsent = lock.withLock {
            lastError = "\(source(of: endpoint) ?? endpoint.rawValue): \(failure.message)"
            return ledger.failed(endpoint, failure, at: time)
        }
        if newlyAbsent { note("\(source(of: endpoint) ?? endpoint.rawValue) answered 404: not asked again") }
    }
}
