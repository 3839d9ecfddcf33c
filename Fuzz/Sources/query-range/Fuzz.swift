import FuzzSupport
import Ingest

/// PrometheusRangeReader: a `query_range` answer, read whole (`report RECORDING.json`,
/// saved recordings) and as the envelope a live query checks first.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = FuzzContract.bytes(start, count)
    FuzzContract.check { try PrometheusRangeReader.envelope(bytes, file: FuzzContract.fileName) }
    FuzzContract.check { try PrometheusRangeReader.read(bytes, file: FuzzContract.fileName) }
    return 0
}
