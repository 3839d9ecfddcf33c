/// Code that reads every sample's frames and values straight from a profile's packed
/// storage (`Profile.withSampleBuffers`): its one generic method is specialised for each
/// storage width, so hot loops index plain buffers with no per-element dispatch. It may
/// keep what it adds up in itself (it is passed `inout`).
public protocol SampleBufferReader {
    associatedtype Result

    /// `stacks` is `Profile.stackLocations` and `values` is `Profile.values`, each in
    /// its storage width; convert elements with `Int(...)` / `Int64(...)`.
    mutating func read<Frame: FixedWidthInteger, Value: FixedWidthInteger>(stacks: UnsafeBufferPointer<Frame>,
                                                                  values: UnsafeBufferPointer<Value>) -> Result
}
