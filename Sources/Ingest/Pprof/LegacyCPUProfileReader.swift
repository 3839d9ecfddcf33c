import MemoryModel

/// Reads the legacy binary CPU profile (gperftools' "profilez" format), which Go's
/// runtime/pprof wrote before Go 1.9 and C++ programs still write:
///
///     header   0, 3, 0, period in µs, 0
///     records  count, depth, depth PCs (leaf first)   … repeated
///     trailer  0, 1, 0
///     then the text of /proc/self/maps (ignored: there is no binary to map)
///
/// Words are 32 or 64 bits, little- or big-endian; the header decides, tried in
/// pprof's order (32l, 32b, 64l, 64b). Semantics follow pprof's `parseCPU` and
/// `cpuProfile`, so values equal `go tool pprof`'s for the same file:
/// - sample types `samples/count`, `cpu/nanoseconds` (default), period type
///   `cpu/nanoseconds`, period = µs × 1000; a record's values are count and
///   count × period;
/// - every PC but the leaf is a return address, adjusted by −1;
/// - a second frame shared by all but one in 32 records is a signal-handler artifact
///   and is removed, up to twice;
/// - a second frame equal to the leaf (the handler's duplicate, adjusted) is removed.
///
/// Locations have addresses only, as pprof shows them without the binary.
///
/// Failure modes (`InputError` with a byte offset): a record whose depth runs past the
/// end of the file, counts or values beyond 63 bits, and a Java profile (third header
/// word 1), which is not a Go profile; and (location `sample N`) values of one sample
/// type whose magnitudes add up beyond `ProfileValueBound.limit`.
enum LegacyCPUProfileReader {
    private struct Words {
        var width: Int
        var bigEndian: Bool

        func read(_ bytes: [UInt8], at offset: Int) -> UInt64? {
            guard offset >= 0, offset <= bytes.count - width else { return nil }
            var value: UInt64 = 0
            for index in 0..<width {
                let byte = UInt64(bytes[offset + (bigEndian ? index : width - 1 - index)])
                value = value << 8 | byte
            }
            return value
        }
    }

    private static let encodings = [Words(width: 4, bigEndian: false), Words(width: 4, bigEndian: true),
                                    Words(width: 8, bigEndian: false), Words(width: 8, bigEndian: true)]

    /// The word encoding and the header's five words, when `bytes` starts with a
    /// profilez header (`0, 3, 0 or 1, period > 0, 0`). A profile.proto never starts with
    /// a zero byte (field number 0 is invalid), so the test cannot take one for the other.
    private static func header(_ bytes: [UInt8]) -> (Words, [UInt64])? {
        for words in encodings {
            let header = (0..<5).compactMap { words.read(bytes, at: $0 * words.width) }
            if header.count == 5, header[0] == 0, header[1] == 3, header[2] <= 1, header[3] > 0, header[4] == 0 {
                return (words, header)
            }
        }
        return nil
    }

    /// Whether `bytes` start with a legacy CPU profile header.
    static func recognizes(_ bytes: [UInt8]) -> Bool { header(bytes) != nil }

    static func read(_ bytes: [UInt8], file: String) throws -> Profile {
        guard let (words, header) = header(bytes) else {
            throw InputError(file: file, location: "byte 0", reason: "not a legacy CPU profile header")
        }
        guard header[2] == 0 else {
            throw InputError(file: file, location: "byte \(2 * words.width)",
                             reason: "a Java CPU profile (legacy profilez); gomemreport reads Go profiles")
        }
        guard header[3] <= UInt64(Int64.max / 1000) else {
            throw InputError(file: file, location: "byte \(3 * words.width)", reason: "the sampling period \(header[3]) µs is out of range")
        }
        let period = Int64(header[3]) * 1000
        var offset = 5 * words.width
        var stacks: [[UInt64]] = []
        var counts: [Int64] = []
        while offset < bytes.count {
            let recordStart = offset
            guard let count = words.read(bytes, at: offset), let depth = words.read(bytes, at: offset + words.width) else {
                throw InputError(file: file, location: "byte \(recordStart)", reason: "the file ends inside a record's count and depth; it looks truncated")
            }
            offset += 2 * words.width
            guard depth <= UInt64((bytes.count - offset) / words.width) else {
                throw InputError(file: file, location: "byte \(recordStart)",
                                 reason: "a record of \(depth) addresses runs past the end of the file; it looks truncated")
            }
            var pcs: [UInt64] = []
            pcs.reserveCapacity(Int(depth))
            for index in 0..<Int(depth) {
                pcs.append(words.read(bytes, at: offset + index * words.width) ?? 0)
            }
            offset += Int(depth) * words.width
            if count == 0, depth == 1, pcs[0] == 0 { break }
            guard count <= UInt64(Int64.max), Int64(count).multipliedReportingOverflow(by: period).overflow == false else {
                throw InputError(file: file, location: "byte \(recordStart)", reason: "the sample count \(count) is out of range")
            }
            // Return addresses land on the call: every frame but the leaf, minus one.
            stacks.append(pcs.enumerated().map { $0.offset > 0 ? $0.element &- 1 : $0.element })
            counts.append(Int64(count))
        }
        removeSignalHandlerFrames(&stacks)

        var builder = ProfileBuilder(sampleTypes: [ValueType(type: "samples", unit: "count"),
                                                   ValueType(type: "cpu", unit: "nanoseconds")],
                                     defaultSampleType: "cpu")
        for (stack, count) in zip(stacks, counts) {
            let locations = stack.map { builder.location(address: $0, lines: []) }
            builder.addSample(stack: locations, values: [count, count * period])
        }
        builder.update { profile in
            profile.periodType = ValueType(type: "cpu", unit: "nanoseconds")
            profile.period = period
        }
        let profile = builder.profile
        // Each count fits, but their sum over the samples may not (the bound every reader keeps).
        if let excess = ProfileValueBound.firstExcess(values: profile.values, typeCount: profile.sampleTypes.count) {
            throw InputError(file: file, location: "sample \(excess.sample + 1)",
                             reason: ProfileValueBound.reason(typeName: profile.sampleTypes[excess.type].type))
        }
        return profile
    }

    /// pprof's two clean-ups of the second frame (see the type's comment). The first
    /// counts records, not their weights, exactly as pprof does.
    private static func removeSignalHandlerFrames(_ stacks: inout [[UInt64]]) {
        let margin = stacks.count / 32
        for _ in 0..<2 {
            var seen: [UInt64: Int] = [:]
            for stack in stacks where stack.count > 1 { seen[stack[1], default: 0] += 1 }
            // At most one address can reach the threshold, so the order of the search
            // (random in pprof's Go map) does not matter.
            guard let artifact = seen.first(where: { $0.value >= stacks.count - margin })?.key else { continue }
            for index in stacks.indices where stacks[index].count > 1 && stacks[index][1] == artifact {
                stacks[index].remove(at: 1)
            }
        }
        for index in stacks.indices where stacks[index].count > 1 && stacks[index][0] == stacks[index][1] &+ 1 {
            stacks[index].remove(at: 1)
        }
    }
}
