import MemoryModel

/// Decodes `profile.proto` (uncompressed) into a `Profile`, in two phases as
/// google/pprof's `profile/proto.go` does: first the raw messages with their ids and
/// string indices (`RawProfile`), then the resolution of every id and index, each
/// checked.
///
/// Failure modes, each an `InputError` naming the file and a byte offset of the
/// decompressed message: truncated messages, varints longer than 10 bytes, lengths
/// running past the end, unsupported wire types, a string table that does not start
/// with "", string indices out of range, references to missing functions, locations or
/// mappings, reserved id 0, samples whose value count differs from `sample_type`, and
/// values of one sample type whose magnitudes add up beyond `ProfileValueBound.limit`.
/// Unknown fields are skipped; repeated scalars may be packed or not.
enum ProfileDecoder {
    static func decode(_ bytes: [UInt8], file: String) throws -> Profile {
        var bytes = bytes
        return try decode(releasing: &bytes, file: file)
    }

    /// Decodes `bytes` and empties it as soon as nothing points into it any more (after
    /// the samples are decoded, before they are joined and resolved), so that a large
    /// profile's uncompressed bytes are not alive beside its whole decoded form. The
    /// caller's array is released only if it holds the only reference.
    static func decode(releasing bytes: inout [UInt8], file: String) throws -> Profile {
        do {
            var (raw, chunks, fieldStarts) = try bytes.withUnsafeBufferPointer { buffer in
                var reader = ProtoWireReader(buffer)
                return try decodeProfile(&reader)
            }
            // Strings were copied out, samples decoded: the bytes are no longer needed.
            bytes = []
            var samples = try join(&chunks, fieldStarts: fieldStarts)
            raw.sampleStackStarts = samples.stackStarts
            samples.stackStarts = []
            raw.sampleLocations = samples.locations
            samples.locations = PackedIntegers()
            raw.sampleUnknownLocationIDs = samples.unknownLocationIDs
            raw.sampleValues = samples.values
            samples.values = PackedIntegers()
            raw.sampleWithWrongValueCount = samples.wrongValueCount
            raw.sampleOffsets = fieldStarts
            fieldStarts = PackedIntegers()
            raw.sampleLabels = samples.labels
            samples = SampleChunk()
            return try resolve(raw)
        } catch let error as ProtoWireError {
            throw InputError(file: file, location: "byte \(error.offset)", reason: "not a valid profile.proto: \(error.message)")
        }
    }

    // MARK: Phase one: raw messages

    /// The raw profile without its samples, the samples decoded in ordered chunks (see
    /// `decodeSamples`), still to be joined, and where each sample's field starts.
    private static func decodeProfile(_ reader: inout ProtoWireReader) throws -> (RawProfile, [SampleChunk], PackedIntegers<Int64>) {
        var raw = RawProfile()
        // Samples are most of a big profile. The first pass only notes where each one
        // starts (4 bytes a sample in a buffer under 2 GiB); they are decoded afterwards,
        // on all cores (see decodeSamples), and the starts are kept for errors.
        var spans = PackedIntegers<Int64>()
        do {
            try decodeFields(&reader, into: &raw, sampleSpans: &spans)
        } catch let error as ProtoWireError {
            // Every sample noted lies before the error: report a bad one of those first,
            // as a single front-to-back pass would.
            _ = try decodeSamples(spans, in: reader.bytes, locationIndex: IDTable(ids: raw.locations.map(\.id)),
                                  valuesPerSample: raw.sampleTypes.count)
            throw error
        }
        // Samples come after the locations are known, so each location_id becomes an
        // index as it is read: 4 bytes a frame instead of an 8-byte id kept for later.
        let chunks = try decodeSamples(spans, in: reader.bytes, locationIndex: IDTable(ids: raw.locations.map(\.id)),
                                       valuesPerSample: raw.sampleTypes.count)
        return (raw, chunks, spans)
    }

    private static func decodeFields(_ reader: inout ProtoWireReader, into raw: inout RawProfile, sampleSpans spans: inout PackedIntegers<Int64>) throws {
        while !reader.isAtEnd {
            // Errors found later point at the start of the field that holds the message.
            let start = reader.offset
            let (field, type) = try reader.readKey()
            switch field {
            case 1: // repeated ValueType sample_type = 1;
                try reader.expect(type, .lengthDelimited, field: field, in: "Profile")
                var message = try reader.readMessage()
                raw.sampleTypes.append(try decodeValueType(&message))
            case 2: // repeated Sample sample = 2;
                try reader.expect(type, .lengthDelimited, field: field, in: "Profile")
                _ = try reader.readMessage()  // checks that the body lies within the buffer
                spans.append(Int64(start))
            case 3: // repeated Mapping mapping = 3;
                try reader.expect(type, .lengthDelimited, field: field, in: "Profile")
                var message = try reader.readMessage()
                raw.mappings.append(try decodeMapping(&message, offset: start))
            case 4: // repeated Location location = 4;
                try reader.expect(type, .lengthDelimited, field: field, in: "Profile")
                var message = try reader.readMessage()
                raw.locations.append(try decodeLocation(&message, offset: start))
            case 5: // repeated Function function = 5;
                try reader.expect(type, .lengthDelimited, field: field, in: "Profile")
                var message = try reader.readMessage()
                raw.functions.append(try decodeFunction(&message, offset: start))
            case 6: // repeated string string_table = 6;
                try reader.expect(type, .lengthDelimited, field: field, in: "Profile")
                raw.strings.append(try reader.readString())
            case 7: // int64 drop_frames = 7;
                try reader.expect(type, .varint, field: field, in: "Profile")
                raw.dropFrames = try reader.readInt64()
            case 8: // int64 keep_frames = 8;
                try reader.expect(type, .varint, field: field, in: "Profile")
                raw.keepFrames = try reader.readInt64()
            case 9: // int64 time_nanos = 9;
                try reader.expect(type, .varint, field: field, in: "Profile")
                raw.timeNanos = try reader.readInt64()
            case 10: // int64 duration_nanos = 10;
                try reader.expect(type, .varint, field: field, in: "Profile")
                raw.durationNanos = try reader.readInt64()
            case 11: // ValueType period_type = 11;
                try reader.expect(type, .lengthDelimited, field: field, in: "Profile")
                var message = try reader.readMessage()
                raw.periodType = try decodeValueType(&message)
            case 12: // int64 period = 12;
                try reader.expect(type, .varint, field: field, in: "Profile")
                raw.period = try reader.readInt64()
            case 13: // repeated int64 comment = 13;
                var comments: [UInt64] = []
                try reader.readRepeatedVarint(type: type, into: &comments)
                raw.comments += comments.map { Int64(bitPattern: $0) }
            case 14: // int64 default_sample_type = 14;
                try reader.expect(type, .varint, field: field, in: "Profile")
                raw.defaultSampleType = try reader.readInt64()
            default:
                try reader.skip(type)
            }
        }
    }

    private static func decodeValueType(_ reader: inout ProtoWireReader) throws -> RawProfile.ValueTypeX {
        var value = RawProfile.ValueTypeX()
        while !reader.isAtEnd {
            let (field, type) = try reader.readKey()
            switch field {
            case 1: // int64 type = 1;
                try reader.expect(type, .varint, field: field, in: "ValueType")
                value.type = try reader.readInt64()
            case 2: // int64 unit = 2;
                try reader.expect(type, .varint, field: field, in: "ValueType")
                value.unit = try reader.readInt64()
            default:
                try reader.skip(type)
            }
        }
        return value
    }

    static func decodeSample(_ reader: inout ProtoWireReader, into chunk: inout SampleChunk, offset: Int,
                             locationIndex: IDTable, valuesPerSample: Int) throws {
        let valuesBefore = chunk.values.count
        while !reader.isAtEnd {
            let (field, type) = try reader.readKey()
            switch field {
            case 1: // repeated uint64 location_id = 1;
                chunk.scratch.removeAll(keepingCapacity: true)
                try reader.readRepeatedVarint(type: type, into: &chunk.scratch)
                chunk.indexScratch.removeAll(keepingCapacity: true)
                for id in chunk.scratch {
                    if let index = locationIndex.index(of: id) {
                        chunk.indexScratch.append(index)
                    } else {
                        chunk.unknownLocationIDs[chunk.locations.count + chunk.indexScratch.count] = id
                        chunk.indexScratch.append(-1)
                    }
                }
                chunk.locations.append(contentsOf: chunk.indexScratch)
            case 2: // repeated int64 value = 2;
                chunk.scratch.removeAll(keepingCapacity: true)
                try reader.readRepeatedVarint(type: type, into: &chunk.scratch)
                chunk.values.append(contentsOf: chunk.scratch.lazy.map { Int64(bitPattern: $0) })
            case 3: // repeated Label label = 3;
                try reader.expect(type, .lengthDelimited, field: field, in: "Sample")
                var message = try reader.readMessage()
                chunk.labels[chunk.stackStarts.count - 1, default: []].append(try decodeLabel(&message))
            default:
                try reader.skip(type)
            }
        }
        guard chunk.locations.count < Int32.max else {
            throw ProtoWireError(offset: offset, message: "more than 2^31 stack frames in all")
        }
        chunk.stackStarts.append(Int32(chunk.locations.count))
        let valueCount = chunk.values.count - valuesBefore
        if valueCount != valuesPerSample && chunk.wrongValueCount == nil {
            chunk.wrongValueCount = (chunk.stackStarts.count - 2, valueCount)
        }
    }

    private static func decodeLabel(_ reader: inout ProtoWireReader) throws -> RawProfile.LabelX {
        var label = RawProfile.LabelX()
        while !reader.isAtEnd {
            let (field, type) = try reader.readKey()
            guard (1...4).contains(field) else { try reader.skip(type); continue }
            try reader.expect(type, .varint, field: field, in: "Label")
            let value = try reader.readInt64()
            switch field {
            case 1: label.key = value       // int64 key = 1;
            case 2: label.str = value       // int64 str = 2;
            case 3: label.num = value       // int64 num = 3;
            default: label.numUnit = value  // int64 num_unit = 4;
            }
        }
        return label
    }

    private static func decodeMapping(_ reader: inout ProtoWireReader, offset: Int) throws -> RawProfile.MappingX {
        var mapping = RawProfile.MappingX(offset: offset)
        while !reader.isAtEnd {
            let (field, type) = try reader.readKey()
            guard (1...10).contains(field) else { try reader.skip(type); continue }
            try reader.expect(type, .varint, field: field, in: "Mapping")
            let value = try reader.readVarint()
            switch field {
            case 1: mapping.id = value                                  // uint64 id = 1;
            case 2: mapping.memoryStart = value                         // uint64 memory_start = 2;
            case 3: mapping.memoryLimit = value                         // uint64 memory_limit = 3;
            case 4: mapping.fileOffset = value                          // uint64 file_offset = 4;
            case 5: mapping.filename = Int64(bitPattern: value)         // int64 filename = 5;
            case 6: mapping.buildID = Int64(bitPattern: value)          // int64 build_id = 6;
            case 7: mapping.hasFunctions = value != 0                   // bool has_functions = 7;
            case 8: mapping.hasFilenames = value != 0                   // bool has_filenames = 8;
            case 9: mapping.hasLineNumbers = value != 0                 // bool has_line_numbers = 9;
            default: mapping.hasInlineFrames = value != 0               // bool has_inline_frames = 10;
            }
        }
        return mapping
    }

    private static func decodeLocation(_ reader: inout ProtoWireReader, offset: Int) throws -> RawProfile.LocationX {
        var location = RawProfile.LocationX(offset: offset)
        while !reader.isAtEnd {
            let (field, type) = try reader.readKey()
            switch field {
            case 1: // uint64 id = 1;
                try reader.expect(type, .varint, field: field, in: "Location")
                location.id = try reader.readVarint()
            case 2: // uint64 mapping_id = 2;
                try reader.expect(type, .varint, field: field, in: "Location")
                location.mappingID = try reader.readVarint()
            case 3: // uint64 address = 3;
                try reader.expect(type, .varint, field: field, in: "Location")
                location.address = try reader.readVarint()
            case 4: // repeated Line line = 4;
                try reader.expect(type, .lengthDelimited, field: field, in: "Location")
                var message = try reader.readMessage()
                var line = RawProfile.LineX()
                while !message.isAtEnd {
                    let (lineField, lineType) = try message.readKey()
                    switch lineField {
                    case 1: // uint64 function_id = 1;
                        try message.expect(lineType, .varint, field: lineField, in: "Line")
                        line.functionID = try message.readVarint()
                    case 2: // int64 line = 2;
                        try message.expect(lineType, .varint, field: lineField, in: "Line")
                        line.line = try message.readInt64()
                    default:
                        try message.skip(lineType)
                    }
                }
                location.lines.append(line)
            case 5: // bool is_folded = 5;
                try reader.expect(type, .varint, field: field, in: "Location")
                location.isFolded = try reader.readVarint() != 0
            default:
                try reader.skip(type)
            }
        }
        return location
    }

    private static func decodeFunction(_ reader: inout ProtoWireReader, offset: Int) throws -> RawProfile.FunctionX {
        var function = RawProfile.FunctionX(offset: offset)
        while !reader.isAtEnd {
            let (field, type) = try reader.readKey()
            guard (1...5).contains(field) else { try reader.skip(type); continue }
            try reader.expect(type, .varint, field: field, in: "Function")
            let value = try reader.readVarint()
            switch field {
            case 1: function.id = value                                // uint64 id = 1;
            case 2: function.name = Int64(bitPattern: value)           // int64 name = 2;
            case 3: function.systemName = Int64(bitPattern: value)     // int64 system_name = 3;
            case 4: function.filename = Int64(bitPattern: value)       // int64 filename = 4;
            default: function.startLine = Int64(bitPattern: value)     // int64 start_line = 5;
            }
        }
        return function
    }
}
