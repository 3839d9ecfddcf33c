import MemoryModel

/// Reads a heap profile in the runtime's `debug=1` text form (`/debug/pprof/heap?debug=1`,
/// runtime/pprof's `writeHeapInternal`):
///
///     heap profile: 95: 2759840 [2826: 164817952] @ heap/1048576
///     1: 1187840 [1: 1187840] @ 0x41042e 0x411ed9 0x8452f8 0x46ebc1
///     #	0x8452f7	main.FooHandler+0xb7	/tmp/gobuild/main.go:45
///
///     # runtime.MemStats
///     # Alloc = 77310504
///     …
///
/// A record is `inuseObjects: inuseBytes [allocObjects: allocBytes] @ PCs`. The result
/// has Go's proto heap sample types, in its order: `alloc_objects/count`,
/// `alloc_space/bytes`, `inuse_objects/count`, `inuse_space/bytes`; default
/// `inuse_space`; period type `space/bytes`.
///
/// Semantics follow pprof's legacy parser (`parseHeap`), so values equal what
/// `go tool pprof` reports for the same file:
/// - `@ heap/N` (what Go writes) is sampled at rate N/2: "early versions of the C++
///   heap profiler reported 2*MemProfileRate". Period = N/2 and every value is
///   unsampled by `HeapSampleScaling`. `@ heap_v2/N` and `@ heapz_v2/N` mean rate N;
///   `@ heapprofile` is unsampled (period 1). Other kinds (growthz, fragmentationz)
///   are rejected.
/// - Each sample gets pprof's numeric label `bytes`: the average object size of the
///   record (in-use figures, or allocation figures when nothing is in use).
/// - Addresses and stacks are assembled by `LegacyStackAssembler`.
///
/// Deviations from pprof: the four sample types are always produced (pprof falls back
/// to `objects`/`space` when the header's allocation figures equal the in-use ones or
/// are 0; the in-use values are the same either way), frames come from the `#` lines
/// instead of a binary, and the `# runtime.MemStats` trailer lands in
/// `Profile.memStats` (see `MemStatsTrailer`).
///
/// Failure modes (`LegacyTextSyntaxError`, turned into `InputError` by
/// `LegacyProfileText`): a malformed header or record line, a count of 0 with bytes
/// that are not, numbers or scaled values beyond 64 bits, a frame line outside a
/// record or naming a PC its record lacks, and, for `@ heap/N` with `#` frame lines but
/// no MemStats trailer, records whose sums differ from the header's totals: `debug=1`
/// writes the totals of exactly the records that follow, so there a difference means
/// the file was cut at a line break (a trailer means it is whole). The pre-1.11
/// `debug=0` form (no `#` lines, e.g. google/pprof's `gobench.heap`) has totals that
/// differ from its records; pprof ignores them, and so does this reader.
enum LegacyHeapTextReader {
    private enum Sampling { case none, v2 }

    private struct Header {
        var inuseObjects: Int64
        var inuseBytes: Int64
        var allocObjects: Int64
        var allocBytes: Int64
        var sampling: Sampling
        var period: Int64
        var hasAlloc: Bool
        /// Go's own `@ heap/N`, whose totals are the sums of the records.
        var isGoRuntime: Bool
    }

    static let sampleTypes = [
        ValueType(type: "alloc_objects", unit: "count"),
        ValueType(type: "alloc_space", unit: "bytes"),
        ValueType(type: "inuse_objects", unit: "count"),
        ValueType(type: "inuse_space", unit: "bytes"),
    ]

    /// Reads the profile whose header is `headerLine`, then the rest of `lines`.
    static func read(headerLine: TextLine, lines: inout TextLines) throws -> Profile {
        let header = try readHeader(headerLine)
        var builder = ProfileBuilder(sampleTypes: sampleTypes, defaultSampleType: "inuse_space")
        var assembler = LegacyStackAssembler()
        var addresses: [UInt64] = []
        var values: [Int64] = [0, 0, 0, 0]
        var blockSize: Int64 = 0
        var sums: [Int64] = [0, 0, 0, 0]
        var memStats: [String: Int64]?
        var lastLine = headerLine.number
        var sawFrameLine = false

        func finishRecord() {
            guard assembler.isOpen else { return }
            let stack = assembler.finish(into: &builder)
            builder.addSample(stack: stack, values: values, labels: [ProfileLabel(key: "bytes", number: blockSize)])
        }

        while var line = lines.next() {
            lastLine = line.number
            line.skipSpaces()
            if line.atEnd {
                // A blank line ends a record: Go prints one after each.
                finishRecord()
                continue
            }
            if line.peek() == UInt8(ascii: "#") {
                if LegacyFrameLine.isFrameLine(line) {
                    guard assembler.isOpen else {
                        throw line.failure("a frame line that follows no record line")
                    }
                    try assembler.add(LegacyFrameLine.parse(line), lineNumber: line.number, to: &builder)
                    sawFrameLine = true
                } else if line.hasSuffix("runtime.MemStats") {
                    finishRecord()
                    memStats = try MemStatsTrailer.read(&lines, headerLine: line.number)
                    break
                }
                // Any other comment is ignored, as pprof ignores every comment.
                continue
            }
            if line.hasPrefix("MAPPED_LIBRARIES:") || line.hasPrefix("--- Memory map:") {
                // pprof's memory-map section; Go never writes one and there is no binary
                // to map, so the rest is not read.
                break
            }
            finishRecord()
            try readRecord(&line, header: header, addresses: &addresses, values: &values, blockSize: &blockSize,
                           sums: &sums)
            assembler.begin(pcs: addresses)
        }
        finishRecord()

        if header.isGoRuntime, sawFrameLine, memStats == nil {
            var expected = [header.allocObjects, header.allocBytes, header.inuseObjects, header.inuseBytes]
            // runtime/pprof writes allocated bytes one higher than the records' sum when it
            // equals the in-use bytes (nothing freed yet), so that old pprofs do not take the
            // file for a two-column profile.
            if sums[3] == sums[1], expected[1] == sums[1] &+ 1 { expected[1] = sums[1] }
            if sums != expected {
                throw LegacyTextSyntaxError(
                    line: lastLine,
                    reason: "the records add up to \(sums[2]): \(sums[3]) [\(sums[0]): \(sums[1])] but the header says "
                        + "\(expected[2]): \(expected[3]) [\(expected[0]): \(expected[1])]; the file looks truncated")
            }
        }
        builder.update { profile in
            profile.periodType = ValueType(type: "space", unit: "bytes")
            profile.period = header.period
            profile.memStats = memStats
        }
        return builder.profile
    }

    /// `heap profile: A: B [C: D] @ heap/N`, the pattern of pprof's `heapHeaderRE`.
    private static func readHeader(_ text: TextLine) throws -> Header {
        var line = text
        line.skipSpaces()
        let shape = "a heap profile header “heap profile: N: N [N: N] @ heap/N”"
        guard line.consume("heap profile:") else { throw line.failure("expected \(shape), found \(line.excerpt)") }
        line.skipSpaces()
        let inuseObjects = try line.readDecimal("the header's in-use objects")
        try line.expect(UInt8(ascii: ":"), "“:” after the in-use objects")
        line.skipSpaces()
        let inuseBytes = try line.readDecimal("the header's in-use bytes")
        line.skipSpaces()
        try line.expect(UInt8(ascii: "["), "“[” before the allocated objects")
        line.skipSpaces()
        let allocObjects = try line.readDecimal("the header's allocated objects")
        try line.expect(UInt8(ascii: ":"), "“:” after the allocated objects")
        line.skipSpaces()
        let allocBytes = try line.readDecimal("the header's allocated bytes")
        line.skipSpaces()
        try line.expect(UInt8(ascii: "]"), "“]” after the allocated bytes")
        line.skipSpaces()
        try line.expect(UInt8(ascii: "@"), "“@ heap/N” after the totals")
        line.skipSpaces()
        let kindStart = line.position
        while let byte = line.peek(), (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F {
            line.position += 1
        }
        let kind = line.string(kindStart..<line.position)
        var rate: Int64 = 0
        if line.consume(UInt8(ascii: "/")), let byte = line.peek(), byte >= 0x30, byte <= 0x39 {
            rate = try line.readDecimal("the sampling rate")
        }
        line.skipSpaces()
        guard line.atEnd else { throw line.failure("unexpected text after the sampling rate in \(line.excerpt)") }

        let sampling: Sampling
        let period: Int64
        switch kind {
        case "heap":
            (sampling, period) = (.v2, rate / 2)
        case "heap_v2", "heapz_v2":
            (sampling, period) = (.v2, rate)
        case "heapprofile":
            (sampling, period) = (.none, 1)
        case "growthz", "growth", "fragmentationz", "fragmentation":
            throw line.failure("“\(kind)” heap profiles are not supported; expected a Go heap profile (@ heap/N)")
        default:
            throw line.failure("unknown heap profile kind “\(kind)”; expected a Go heap profile (@ heap/N)")
        }
        // pprof's rule: allocation figures count when they differ from the in-use ones.
        let hasAlloc = (allocObjects != inuseObjects && allocObjects != 0) || (allocBytes != inuseBytes && allocBytes != 0)
        return Header(inuseObjects: inuseObjects, inuseBytes: inuseBytes, allocObjects: allocObjects,
                      allocBytes: allocBytes, sampling: sampling, period: period, hasAlloc: hasAlloc,
                      isGoRuntime: kind == "heap")
    }

    /// `inuseObjects: inuseBytes [allocObjects: allocBytes] @ 0x… 0x…` (pprof's
    /// `heapSampleRE`: the in-use figures may be negative). Fills `values` in sample
    /// type order, scaled, and adds the raw figures to `sums`.
    private static func readRecord(_ line: inout TextLine, header: Header, addresses: inout [UInt64],
                                   values: inout [Int64], blockSize: inout Int64, sums: inout [Int64]) throws {
        let shape = "a record “N: N [N: N] @ 0x…” or a frame line “#\t0x…”"
        guard let first = line.peek(), first == UInt8(ascii: "-") || (first >= 0x30 && first <= 0x39) else {
            throw line.failure("expected \(shape), found \(line.excerpt)")
        }
        let inuseObjects = try line.readDecimal(allowNegative: true, "the record's in-use objects")
        try line.expect(UInt8(ascii: ":"), "“:” after the in-use objects")
        line.skipSpaces()
        let inuseBytes = try line.readDecimal(allowNegative: true, "the record's in-use bytes")
        line.skipSpaces()
        try line.expect(UInt8(ascii: "["), "“[” before the allocated objects")
        line.skipSpaces()
        let allocObjects = try line.readDecimal("the record's allocated objects")
        try line.expect(UInt8(ascii: ":"), "“:” after the allocated objects")
        line.skipSpaces()
        let allocBytes = try line.readDecimal("the record's allocated bytes")
        line.skipSpaces()
        try line.expect(UInt8(ascii: "]"), "“]” after the allocated bytes")
        line.skipSpaces()
        try line.expect(UInt8(ascii: "@"), "“@” before the record's addresses")
        try line.readAddressList(into: &addresses)

        let raw = [allocObjects, allocBytes, inuseObjects, inuseBytes]
        for index in 0..<4 {
            let (sum, overflow) = sums[index].addingReportingOverflow(raw[index])
            guard !overflow else { throw line.failure("the records' totals do not fit in 64 bits") }
            sums[index] = sum
        }

        blockSize = 0
        if header.hasAlloc {
            try scale(&line, count: allocObjects, size: allocBytes, header: header, kind: "allocation",
                      into: &values, at: 0, blockSize: &blockSize)
        } else {
            // pprof leaves the allocation figures out of such a profile; keep them
            // unchanged in value but do not let them set the label.
            var ignored: Int64 = 0
            try scale(&line, count: allocObjects, size: allocBytes, header: header, kind: "allocation",
                      into: &values, at: 0, blockSize: &ignored)
        }
        try scale(&line, count: inuseObjects, size: inuseBytes, header: header, kind: "in-use",
                  into: &values, at: 2, blockSize: &blockSize)
    }

    /// pprof's `addValues`: checks the pair, records the average size and unsamples.
    private static func scale(_ line: inout TextLine, count: Int64, size: Int64, header: Header, kind: String,
                              into values: inout [Int64], at index: Int, blockSize: inout Int64) throws {
        if count == 0 && size != 0 {
            throw line.failure("the \(kind) count is 0 but its bytes are \(size)")
        }
        var scaled = (count: count, size: size)
        if count != 0 {
            let (average, overflow) = size.dividedReportingOverflow(by: count)
            guard !overflow else { throw line.failure("the \(kind) figures \(count): \(size) are out of range") }
            blockSize = average
            if header.sampling == .v2 {
                guard let result = HeapSampleScaling.scale(count: count, size: size, rate: header.period) else {
                    throw line.failure("the \(kind) figures \(count): \(size) do not fit in 64 bits once unsampled")
                }
                scaled = result
            }
        }
        values[index] = scaled.count
        values[index + 1] = scaled.size
    }
}
