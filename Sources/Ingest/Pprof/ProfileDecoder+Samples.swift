import Foundation
import MemoryModel

extension ProfileDecoder {
    /// Where one `Sample` field lies in the buffer: only its start (8 bytes a sample,
    /// where a start, body start and end took 24), since its key and length, checked
    /// by the first pass, are quickly read again.
    struct SampleSpan {
        /// The start of the field (its key), which errors point at.
        var fieldStart: Int

        /// A reader of the sample's body. The first pass has read this key and length
        /// without error, so this does not throw for the spans it noted.
        func body(in bytes: UnsafeBufferPointer<UInt8>) throws -> ProtoWireReader {
            var reader = ProtoWireReader(bytes, offset: fieldStart)
            _ = try reader.readKey()
            return try reader.readMessage()
        }
    }

    /// Decoded samples, stored flat as `RawProfile` keeps them.
    struct SampleChunk {
        var stackStarts: [Int32] = [0]
        /// Indices into the locations; −1 for an id no location has (see below).
        var locations = PackedIntegers<Int32>()
        /// The unknown ids by position in `locations`.
        var unknownLocationIDs: [Int: UInt64] = [:]
        var values = PackedIntegers<Int64>()
        /// The first sample (index within the chunk) whose value count is not the
        /// profile's number of sample types, and its count: checked as each sample is
        /// read, so no count is kept per sample.
        var wrongValueCount: (sample: Int, count: Int)?
        var labels: [Int: [RawProfile.LabelX]] = [:]
        /// Reused for each sample's varints and location indices, to spare allocations.
        var scratch: [UInt64] = []
        var indexScratch: [Int32] = []
    }

    /// Decodes the samples in `spans`, in parallel ranges when there are many, in
    /// order: joined by `join`, they are those of a front-to-back pass, and the error
    /// thrown is the one of the earliest bad sample.
    ///
    /// Many more ranges than cores: the join appends each range to the first and frees
    /// it, so what is held twice while joining is one range's share, not half of all.
    static func decodeSamples(_ fieldStarts: PackedIntegers<Int64>, in bytes: UnsafeBufferPointer<UInt8>, locationIndex: IDTable,
                              valuesPerSample: Int) throws -> [SampleChunk] {
        let sampleCount = fieldStarts.count
        func span(_ sample: Int) -> SampleSpan { SampleSpan(fieldStart: Int(fieldStarts[sample])) }
        let parts = sampleCount < 20_000 ? 1 : 16
        let ranges = (0..<parts).map { (sampleCount * $0 / parts)..<(sampleCount * ($0 + 1) / parts) }
        var results = [Result<SampleChunk, Error>?](repeating: nil, count: parts)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let result = Result { () throws -> SampleChunk in
                var chunk = SampleChunk()
                let range = ranges[part]
                // The first part reserves exact room for every part's samples, so that
                // the others are appended to it in place, not copied into a new array.
                let samples = part == 0 ? sampleCount : range.count
                chunk.stackStarts.reserveCapacity(samples + 1)
                if let first = range.first, let last = range.last {
                    // At most one location id per byte of sample bodies (half that, in
                    // practice); capacity never written costs no physical memory.
                    let end = try span(part == 0 ? sampleCount - 1 : last).body(in: bytes).end
                    chunk.locations.reserveCapacity((end - span(first).fieldStart) / 2)
                    chunk.values.reserveCapacity(samples * max(valuesPerSample, 1))
                }
                for sample in range {
                    let span = span(sample)
                    var reader = try span.body(in: bytes)
                    try decodeSample(&reader, into: &chunk, offset: span.fieldStart, locationIndex: locationIndex,
                                     valuesPerSample: valuesPerSample)
                }
                return chunk
            }
            lock.lock()
            results[part] = result
            lock.unlock()
        }
        var chunks: [SampleChunk] = []
        chunks.reserveCapacity(parts)
        for index in results.indices {
            chunks.append(try results[index]!.get())
            results[index] = nil
        }
        return chunks
    }

    /// Joins the chunks of `decodeSamples` in order, emptying `chunks`. The later
    /// chunks are appended to the first (which has the capacity, see above) and each
    /// released once appended: the samples are never held twice over.
    static func join(_ chunks: inout [SampleChunk], fieldStarts: PackedIntegers<Int64>) throws -> SampleChunk {
        guard !chunks.isEmpty else { return SampleChunk() }
        var joined = chunks[0]
        chunks[0] = SampleChunk()
        for index in chunks.indices.dropFirst() {
            var chunk = chunks[index]
            chunks[index] = SampleChunk()
            let idBase = joined.locations.count, sampleBase = joined.stackStarts.count - 1
            guard idBase + chunk.locations.count < Int(Int32.max) else {
                throw ProtoWireError(offset: Int(fieldStarts[sampleBase]), message: "more than 2^31 stack frames in all")
            }
            joined.stackStarts += chunk.stackStarts.dropFirst().map { $0 + Int32(idBase) }
            joined.locations.append(contentsOf: chunk.locations)
            chunk.locations = PackedIntegers()
            for (position, id) in chunk.unknownLocationIDs { joined.unknownLocationIDs[idBase + position] = id }
            joined.values.append(contentsOf: chunk.values)
            chunk.values = PackedIntegers()
            if joined.wrongValueCount == nil, let wrong = chunk.wrongValueCount {
                joined.wrongValueCount = (sampleBase + wrong.sample, wrong.count)
            }
            for (index, labels) in chunk.labels { joined.labels[sampleBase + index] = labels }
        }
        chunks = []
        return joined
    }
}
