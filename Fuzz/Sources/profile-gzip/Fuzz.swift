import FuzzSupport
import Ingest
import MemoryModel

/// ProfileReader.read, the one entry point for every profile file (`report`, `profile`,
/// `top`): gzip or not, proto or text. The seeds decide which branch the mutations start in.
/// A profile it returns must keep Profile's contract and survive what the CLI does next.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = FuzzContract.bytes(start, count)
    let profile = FuzzContract.check { try ProfileReader.read(bytes, file: FuzzContract.fileName) }
    if let profile { ProfileUse.exercise(profile) }
    return 0
}
