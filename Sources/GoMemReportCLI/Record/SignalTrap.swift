import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// SIGINT and SIGTERM, handled on a queue of their own rather than killing the
/// process: the first calls `first`, every later one `again`. `release()` restores the
/// default actions.
final class SignalTrap: @unchecked Sendable {
    private static let signals = [SIGINT, SIGTERM]
    private var sources: [DispatchSourceSignal] = []
    private let lock = NSLock()
    private var count = 0

    init(first: @escaping @Sendable () -> Void, again: @escaping @Sendable () -> Void) {
        let queue = DispatchQueue(label: "gomemreport.signals")
        for number in Self.signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [weak self] in
                guard let self else { return }
                let seen = self.lock.withLock { () -> Int in
                    self.count += 1
                    return self.count
                }
                if seen == 1 { first() } else { again() }
            }
            source.resume()
            sources.append(source)
        }
    }

    func release() {
        for source in sources { source.cancel() }
        sources = []
        for number in Self.signals { signal(number, SIG_DFL) }
    }
}
