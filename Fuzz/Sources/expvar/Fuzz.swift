import FuzzSupport
import Ingest

/// ExpvarReader.read: a `/debug/vars` body, as the first of a folder and as a later one
/// (which keeps only GC pauses newer than the previous body).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = FuzzContract.bytes(start, count)
    FuzzContract.check { try ExpvarReader.read(bytes, file: FuzzContract.fileName, time: 1_795_851_163.5) }
    FuzzContract.check {
        try ExpvarReader.read(bytes, file: FuzzContract.fileName, time: 1_795_851_168.5, pausesAfter: 1_795_851_163.5)
    }
    return 0
}
