import FuzzSupport
import Ingest

/// ExpositionReader.read: a Prometheus text-format or OpenMetrics scrape, with and
/// without the time from the file's name (samples without one then need their own).
/// A sample's time, when it has one, is a finite number of seconds.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = FuzzContract.bytes(start, count)
    for scrapeTime in [1_795_851_163.5, nil] {
        let samples = FuzzContract.check { try ExpositionReader.read(bytes, file: FuzzContract.fileName, scrapeTime: scrapeTime) }
        for sample in samples ?? [] {
            if let time = sample.timestamp, !time.isFinite { FuzzContract.fail("\(sample.name): the time \(time)") }
            if sample.name.isEmpty { FuzzContract.fail("a sample without a name") }
        }
    }
    return 0
}
