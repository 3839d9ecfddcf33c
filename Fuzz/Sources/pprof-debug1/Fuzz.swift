import FuzzSupport
import Ingest
import MemoryModel

/// LegacyProfileText.read, the reader ProfileReader hands text profiles to; called
/// directly so mutations that break the header still reach the text reader's errors
/// instead of falling through to the proto decoder. A profile it returns must keep
/// Profile's contract and survive what the CLI does next.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = FuzzContract.bytes(start, count)
    let profile = FuzzContract.check { try LegacyProfileText.read(bytes, file: FuzzContract.fileName) }
    if let profile { ProfileUse.exercise(profile) }
    return 0
}
