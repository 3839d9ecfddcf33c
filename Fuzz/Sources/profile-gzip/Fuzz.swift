import FuzzSupport
import Ingest

/// ProfileReader.read, the one entry point for every profile file (`report`, `profile`,
/// `top`): gzip or not, proto or text. The seeds decide which branch the mutations start in.
/// A profile it returns must keep Profile's contract and survive what the CLI does next.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    ProfileUse.fuzz(start, count) { try ProfileReader.read($0, file: $1) }
}
