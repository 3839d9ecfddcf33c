import FuzzSupport
import Ingest

/// ProfileReader.read, the one entry point for every profile file (`report`, `profile`,
/// `top`): gzip or not, proto or text. The seeds decide which branch the mutations start in.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = FuzzContract.bytes(start, count)
    FuzzContract.check { try ProfileReader.read(bytes, file: FuzzContract.fileName) }
    return 0
}
