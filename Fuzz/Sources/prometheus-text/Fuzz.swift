import FuzzSupport
import Ingest

/// ExpositionReader.read: a Prometheus text-format or OpenMetrics scrape, with and
/// without the time from the file's name (samples without one then need their own).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = FuzzContract.bytes(start, count)
    FuzzContract.check { try ExpositionReader.read(bytes, file: FuzzContract.fileName, scrapeTime: 1_795_851_163.5) }
    FuzzContract.check { try ExpositionReader.read(bytes, file: FuzzContract.fileName, scrapeTime: nil) }
    return 0
}
