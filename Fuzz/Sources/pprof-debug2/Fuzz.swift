import FuzzSupport
import Ingest

/// LegacyProfileText.read, the reader ProfileReader hands text profiles to; called
/// directly so mutations that break the header still reach the text reader's errors
/// instead of falling through to the proto decoder. A profile it returns must keep
/// Profile's contract and survive what the CLI does next.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    ProfileUse.fuzz(start, count) { try LegacyProfileText.read($0, file: $1) }
}
