import FuzzSupport
import Ingest

/// PrometheusRangeReader: a `query_range` answer, read whole (`report RECORDING.json`,
/// saved recordings) and as the envelope a live query checks first. Series it returns
/// must keep MetricSeries' contract.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = FuzzContract.bytes(start, count)
    FuzzContract.check { try PrometheusRangeReader.envelope(bytes, file: FuzzContract.fileName) }
    if let series = FuzzContract.check({ try PrometheusRangeReader.read(bytes, file: FuzzContract.fileName) }) {
        // Answer order is kept (SeriesTimeOrder sorts later); times stay in 1970–9999.
        SeriesContract.check(series, ordered: false, years: 0...253_402_300_799)
    }
    return 0
}
