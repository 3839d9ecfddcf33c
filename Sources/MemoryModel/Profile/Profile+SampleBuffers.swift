extension Profile {
    /// Runs `reader` over the raw buffers of `stackLocations` and `values`, whichever
    /// widths they are stored in (see `PackedIntegers`).
    @inlinable
    public func withSampleBuffers<Reader: SampleBufferReader>(_ reader: inout Reader) -> Reader.Result {
        let values = self.values
        return stackLocations.withUnsafeBuffers(
            narrow: { stacks in Self.read(&reader, stacks: stacks, values: values) },
            medium: { stacks in Self.read(&reader, stacks: stacks, values: values) },
            wide: { stacks in Self.read(&reader, stacks: stacks, values: values) })
    }

    @inlinable
    static func read<Reader: SampleBufferReader, Frame: FixedWidthInteger>(
        _ reader: inout Reader, stacks: UnsafeBufferPointer<Frame>, values: PackedIntegers<Int64>) -> Reader.Result {
        values.withUnsafeBuffers(
            narrow: { reader.read(stacks: stacks, values: $0) },
            medium: { reader.read(stacks: stacks, values: $0) },
            wide: { reader.read(stacks: stacks, values: $0) })
    }
}
