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
        var locationIDs: [UInt64] = []
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
    static func decodeSamples(_ spans: [SampleSpan], in bytes: UnsafeBufferPointer<UInt8>) throws -> SampleChunk {
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
                    // About one location id per byte of sample bodies; capacity never
                    // written costs no physical memory.
                    chunk.locationIDs.reserveCapacity((spans[last].bodyEnd - spans[first].bodyStart) / 2)
                }
                for span in spans[range] {
                    var reader = ProtoWireReader(bytes, offset: span.bodyStart, end: span.bodyEnd)
                    try decodeSample(&reader, into: &chunk, offset: span.fieldStart)
                }
                return chunk
            }
            lock.lock()
            results[part] = result
            lock.unlock()
        }
        var chunks: [SampleChunk] = []
        for result in results { chunks.append(try result!.get()) }
        guard chunks.count > 1 else { return chunks.first ?? SampleChunk() }

        var joined = SampleChunk()
        joined.locationIDs.reserveCapacity(chunks.reduce(0) { $0 + $1.locationIDs.count })
        joined.values.reserveCapacity(chunks.reduce(0) { $0 + $1.values.count })
        for chunk in chunks {
            let idBase = joined.locationIDs.count, sampleBase = joined.stackStarts.count - 1
            guard idBase + chunk.locationIDs.count < Int(Int32.max) else {
                throw ProtoWireError(offset: Int(chunk.offsets.first ?? 0), message: "more than 2^31 stack frames in all")
            }
            joined.stackStarts += chunk.stackStarts.dropFirst().map { $0 + Int32(idBase) }
            joined.locationIDs += chunk.locationIDs
            joined.values += chunk.values
            joined.valueCounts += chunk.valueCounts
            joined.offsets += chunk.offsets
            for (index, labels) in chunk.labels { joined.labels[sampleBase + index] = labels }
        }
        return joined
    }
}
