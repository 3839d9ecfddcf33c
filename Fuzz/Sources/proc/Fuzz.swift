import FuzzSupport
import Ingest

/// ProcStatusReader: `/proc/PID/status` and `/proc/PID/smaps_rollup` snapshots. Both
/// read every input: they share the `Key: value kB` line syntax.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = FuzzContract.bytes(start, count)
    FuzzContract.check { try ProcStatusReader.read(bytes, file: FuzzContract.fileName, time: 1_795_851_163.5) }
    FuzzContract.check { try ProcStatusReader.readSmapsRollup(bytes, file: FuzzContract.fileName, time: 1_795_851_163.5) }
    return 0
}
