import Foundation
import FuzzSupport
import Ingest
import MemoryModel

/// SnapshotFolder.load on a folder of two `/metrics` scrapes, the way `report` reads a
/// recording's `metrics/` (not strict: a bad file is skipped). The second scrape goes
/// through `ScrapeShape`, the fast path that reuses the first scrape's lines and reads
/// values with raw pointers. The input is split at its first NUL byte into the two
/// scrapes; without one, it is both (the fast path's best case). The series must keep
/// MetricSeries' contract, in order.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = FuzzContract.bytes(start, count)
    let split = bytes.firstIndex(of: 0)
    let first = split.map { Array(bytes[..<$0]) } ?? bytes
    let second = split.map { Array(bytes[($0 + 1)...]) } ?? bytes
    let folder = ScrapeFolder.shared
    folder.write(first, as: "20261128T073242614Z.prom")
    folder.write(second, as: "20261128T073247615Z.prom")
    var skipped: [InputError] = []
    var warnings: [InputWarning] = []
    let series = FuzzContract.check(file: folder.path) {
        try SnapshotFolder.load(.scrapes, in: folder.path, job: "fuzz", strict: false, skipped: &skipped, warnings: &warnings)
    }
    // What leaves a folder is sorted and deduplicated.
    if let series { SeriesContract.check(series, ordered: true) }
    for error in skipped where !error.file.hasPrefix(folder.path) {
        FuzzContract.fail("a skipped file's error names “\(error.file)”, outside \(folder.path)")
    }
    return 0
}
