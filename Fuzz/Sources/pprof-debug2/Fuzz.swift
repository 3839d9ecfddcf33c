import FuzzSupport
import Ingest

/// LegacyProfileText.read, the reader ProfileReader hands text profiles to; called
/// directly so mutations that break the header still reach the text reader's errors
/// instead of falling through to the proto decoder.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = FuzzContract.bytes(start, count)
    FuzzContract.check { try LegacyProfileText.read(bytes, file: FuzzContract.fileName) }
    return 0
}
