import Foundation
import Ingest
import MemoryModel

extension Recorder {
    /// One form of a profile to ask for in a round.
    private struct ProfileForm {
        var endpoint: Endpoint
        var query: String?
        /// `heap-<stamp>` + this.
        var suffix: String
        var limit: Int
    }

    /// Takes a round of profiles: heap (proto, `debug=1`), goroutineleak (proto,
    /// `debug=1`) where the service serves it, goroutine (proto, `debug=2`). The
    /// goroutineleak profile comes before the goroutine dump because writing it runs the
    /// GC that proves goroutines leaked, and the dump then marks them `(leaked)`.
    /// Every file of a round carries the round's stamp, so a report knows they belong
    /// together. `deadline` (Unix seconds) bounds the whole round after a stop request.
    func profileRound(_ reason: String, deadline: Double?) throws {
        guard let prefix = settings.pprofPrefix else { return }
        lock.withLock { phase = reason == "final" ? .finalProfiles : .profiling }
        publishStatus()
        let time = clock()
        let stamp = UTCStamp.fileStamp(time)
        let dumpLimit = min(settings.maximumDumpBytes, settings.maximumResponseBytes)
        let forms = [
            ProfileForm(endpoint: .heapProfile, query: nil, suffix: ".pb.gz", limit: settings.maximumResponseBytes),
            ProfileForm(endpoint: .heapProfile, query: "debug=1", suffix: ".debug1.txt", limit: settings.maximumResponseBytes),
            ProfileForm(endpoint: .goroutineLeakProfile, query: nil, suffix: ".pb.gz", limit: settings.maximumResponseBytes),
            ProfileForm(endpoint: .goroutineLeakProfile, query: "debug=1", suffix: ".debug1.txt", limit: settings.maximumResponseBytes),
            ProfileForm(endpoint: .goroutineProfile, query: nil, suffix: ".pb.gz", limit: settings.maximumResponseBytes),
            ProfileForm(endpoint: .goroutineProfile, query: "debug=2", suffix: ".debug2.txt", limit: dumpLimit),
        ]
        var files: [String] = []
        forms: for form in forms {
            if ledger(absent: form.endpoint) { continue }
            var timeout = settings.timeout
            if let deadline {
                timeout = min(timeout, deadline - clock())
                if timeout <= 0.05 {
                    note("the grace period ended before \(form.endpoint.rawValue)\(form.query.map { "?" + $0 } ?? "") of the final profiles")
                    break
                }
            }
            if form.query == "debug=2", let goroutines = lock.withLock({ figures.goroutines }),
               goroutines > Double(settings.maximumDumpGoroutines) {
                lock.withLock { ledger.skipped(.goroutineProfile) }
                note("\(reason) profiles at \(UTCStamp.rfc3339(time)): no debug=2 goroutine dump, \(Int(goroutines)) goroutines is over --max-dump-goroutines \(settings.maximumDumpGoroutines)")
                continue
            }
            let kind = switch form.endpoint {
            case .heapProfile: "heap"
            case .goroutineLeakProfile: "goroutineleak"
            default: "goroutine"
            }
            let url = settings.url(prefix + "/" + kind, query: form.query)
            let sent = clock()
            let body: [UInt8]
            switch client.get(url, timeout: timeout, limit: form.limit) {
            case .failure(.tooLarge(let limit)) where form.query == "debug=2":
                lock.withLock { ledger.skipped(.goroutineProfile) }
                note("\(reason) profiles at \(UTCStamp.rfc3339(time)): the debug=2 goroutine dump is larger than --max-dump-bytes \(limit); not kept")
                continue
            case .failure(let failure):
                count(failure, for: form.endpoint, at: sent)
                // A service that does not answer at all is not asked for the rest of the round.
                if case .timeout = failure { break forms }
                if case .unreachable = failure { break forms }
                continue
            case .success(let bytes):
                body = bytes
            }
            do {
                let profile = try ProfileReader.read(body, file: url.absoluteString)
                if form.endpoint == .goroutineProfile, form.query == nil {
                    let total = Self.goroutineCount(profile)
                    lock.withLock { figures.goroutines = total }
                }
            } catch let error as InputError {
                count(.invalid(error.reason), for: form.endpoint, at: sent)
                continue
            }
            let name = "pprof/\(kind)-\(stamp)\(form.suffix)"
            try writer.write(body, to: name)
            lock.withLock { ledger.answered(form.endpoint, bytes: body.count) }
            files.append(name)
        }
        if !files.isEmpty {
            lock.withLock { rounds.append(.init(time: UTCStamp.rfc3339(time), reason: reason, files: files)) }
        }
        try writeManifest()
        publishStatus()
    }

    /// Goroutines in a goroutine profile: the sum of its first value over samples.
    static func goroutineCount(_ profile: Profile) -> Double {
        let width = max(1, profile.sampleTypes.count)
        var total: Int64 = 0
        var index = 0
        while index < profile.values.count {
            total &+= profile.values[index]
            index += width
        }
        return Double(total)
    }
}
