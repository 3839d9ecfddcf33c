import Foundation

extension ProfileDecoder {
    /// Where one `Sample` message lies in the buffer.
    struct SampleSpan {
        /// The start of the field (its key), which errors point at.
        var fieldStart: Int
        var bodyStart: Int
        var bodyEnd: Int
    }

    /// Decoded samples, stored flat as `RawProfile` keeps them.
    struct SampleChunk {
        var stackStarts: [Int32] = [0]
        /// Indices into the locations; −1 for an id no location has (see below).
        var locations: [Int32] = []
        /// The unknown ids by position in `locations`.
        var unknownLocationIDs: [Int: UInt64] = [:]
        var values: [Int64] = []
        var valueCounts: [Int32] = []
        var offsets: [Int32] = []
        var labels: [Int: [RawProfile.LabelX]] = [:]
        /// Reused for each sample's values, to spare an allocation per sample.
        var scratch: [UInt64] = []
    }

    /// Decodes the samples in `spans`, in parallel ranges when there are many, and joins
    /// them in order. The result and any error are those of a front-to-back pass: the
    /// error thrown is the one of the earliest bad sample.
    static func decodeSamples(_ spans: [SampleSpan], in bytes: UnsafeBufferPointer<UInt8>, locationIndex: IDTable,
                              valuesPerSample: Int) throws -> SampleChunk {
        let parts = spans.count < 20_000 ? 1 : max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let ranges = (0..<parts).map { (spans.count * $0 / parts)..<(spans.count * ($0 + 1) / parts) }
        var results = [Result<SampleChunk, Error>?](repeating: nil, count: parts)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let result = Result { () throws -> SampleChunk in
                var chunk = SampleChunk()
                let range = ranges[part]
                chunk.stackStarts.reserveCapacity(range.count + 1)
                chunk.valueCounts.reserveCapacity(range.count)
                chunk.offsets.reserveCapacity(range.count)
                if let first = range.first, let last = range.last {
                    // At most one location id per byte of sample bodies (half that, in
                    // practice); capacity never written costs no physical memory. The
                    // first part reserves room for every part, so that the others are
                    // appended to it in place, not copied into a new array beside it.
                    let end = part == 0 ? spans[spans.count - 1].bodyEnd : spans[last].bodyEnd
                    chunk.locations.reserveCapacity((end - spans[first].bodyStart) / 2)
                    if part == 0 { chunk.values.reserveCapacity(spans.count * max(valuesPerSample, 1)) }
                }
                for span in spans[range] {
                    var reader = ProtoWireReader(bytes, offset: span.bodyStart, end: span.bodyEnd)
                    try decodeSample(&reader, into: &chunk, offset: span.fieldStart, locationIndex: locationIndex)
                }
                return chunk
            }
            lock.lock()
            results[part] = result
            lock.unlock()
        }
        var chunks: [SampleChunk] = []
        for index in results.indices {
            chunks.append(try results[index]!.get())
            results[index] = nil
        }
        guard chunks.count > 1 else { return chunks.first ?? SampleChunk() }

        // The later chunks are appended to the first (which has the capacity, see above)
        // and each released once appended: the samples are never held twice over.
        var joined = chunks[0]
        chunks[0] = SampleChunk()
        for index in chunks.indices.dropFirst() {
            let chunk = chunks[index]
            chunks[index] = SampleChunk()
            let idBase = joined.locations.count, sampleBase = joined.stackStarts.count - 1
            guard idBase + chunk.locations.count < Int(Int32.max) else {
                throw ProtoWireError(offset: Int(chunk.offsets.first ?? 0), message: "more than 2^31 stack frames in all")
            }
            joined.stackStarts += chunk.stackStarts.dropFirst().map { $0 + Int32(idBase) }
            joined.locations += chunk.locations
            for (position, id) in chunk.unknownLocationIDs { joined.unknownLocationIDs[idBase + position] = id }
            joined.values += chunk.values
            joined.valueCounts += chunk.valueCounts
            joined.offsets += chunk.offsets
            for (index, labels) in chunk.labels { joined.labels[sampleBase + index] = labels }
        }
        return joined
    }
}
