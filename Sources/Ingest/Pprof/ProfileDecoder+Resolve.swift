import MemoryModel

extension ProfileDecoder {
    /// Maps the ids a profile uses to indices. Go writes ids 1…n in order, so a dense
    /// table serves the common case; anything else falls back to a dictionary.
    struct IDTable {
        private var dense: [Int32] = []
        private var sparse: [UInt64: Int32] = [:]
        /// The first entry whose id an earlier one has: which of the two a sample or a
        /// line means is then anyone's guess (pprof's `CheckValid` refuses it too).
        private(set) var firstDuplicate: Int?

        init(ids: [UInt64]) {
            let maximum = ids.max() ?? 0
            if maximum <= UInt64(ids.count) * 2 + 16 {
                dense = [Int32](repeating: -1, count: Int(maximum) + 1)
                for (index, id) in ids.enumerated() {
                    if dense[Int(id)] >= 0 && firstDuplicate == nil { firstDuplicate = index }
                    dense[Int(id)] = Int32(index)
                }
            } else {
                for (index, id) in ids.enumerated() where sparse.updateValue(Int32(index), forKey: id) != nil && firstDuplicate == nil {
                    firstDuplicate = index
                }
            }
        }

        /// Throws for a repeated id, at the repeating entry's `offsets`.
        func checkUnique(_ ids: [UInt64], offsets: [Int], what: String) throws {
            guard let index = firstDuplicate else { return }
            throw ProtoWireError(offset: offsets[index], message: "two \(what)s have the id \(ids[index]); ids must be unique")
        }

        /// The index of `id`, or nil when no entry has it.
        @inline(__always)
        func index(of id: UInt64) -> Int32? {
            if !dense.isEmpty {
                guard id < UInt64(dense.count) else { return nil }
                let index = dense[Int(id)]
                return index >= 0 ? index : nil
            }
            return sparse[id]
        }
    }

    /// Phase two: resolve string indices and ids, checking each.
    static func resolve(_ raw: RawProfile) throws -> Profile {
        let strings = raw.strings
        guard let first = strings.first else {
            throw ProtoWireError(offset: 0, message: "the string table is empty; string_table[0] must be \"\"")
        }
        guard first.isEmpty else {
            throw ProtoWireError(offset: 0, message: "string_table[0] is \"\(first.prefix(40))\"; it must be \"\"")
        }
        func string(_ index: Int64, _ what: String, at offset: Int) throws -> String {
            guard index >= 0, index < Int64(strings.count) else {
                throw ProtoWireError(offset: offset, message: "\(what) is string index \(index), past the \(strings.count)-entry string table")
            }
            return strings[Int(index)]
        }

        let sampleTypes = try raw.sampleTypes.map {
            ValueType(type: try string($0.type, "a sample type", at: 0), unit: try string($0.unit, "a sample unit", at: 0))
        }

        var mappings: [ProfileMapping] = []
        mappings.reserveCapacity(raw.mappings.count)
        for m in raw.mappings {
            guard m.id != 0 else { throw ProtoWireError(offset: m.offset, message: "a mapping has the reserved id 0") }
            mappings.append(ProfileMapping(
                id: m.id, memoryStart: m.memoryStart, memoryLimit: m.memoryLimit, fileOffset: m.fileOffset,
                filename: try string(m.filename, "mapping \(m.id)'s file name", at: m.offset),
                buildID: try string(m.buildID, "mapping \(m.id)'s build id", at: m.offset),
                hasFunctions: m.hasFunctions, hasFilenames: m.hasFilenames,
                hasLineNumbers: m.hasLineNumbers, hasInlineFrames: m.hasInlineFrames))
        }
        let mappingIndex = IDTable(ids: raw.mappings.map(\.id))
        try mappingIndex.checkUnique(raw.mappings.map(\.id), offsets: raw.mappings.map(\.offset), what: "mapping")

        var functions: [ProfileFunction] = []
        functions.reserveCapacity(raw.functions.count)
        for f in raw.functions {
            guard f.id != 0 else { throw ProtoWireError(offset: f.offset, message: "a function has the reserved id 0") }
            functions.append(ProfileFunction(
                id: f.id,
                name: try string(f.name, "function \(f.id)'s name", at: f.offset),
                systemName: try string(f.systemName, "function \(f.id)'s system name", at: f.offset),
                filename: try string(f.filename, "function \(f.id)'s file name", at: f.offset),
                startLine: f.startLine))
        }
        let functionIndex = IDTable(ids: raw.functions.map(\.id))
        try functionIndex.checkUnique(raw.functions.map(\.id), offsets: raw.functions.map(\.offset), what: "function")

        var locations: [ProfileLocation] = []
        locations.reserveCapacity(raw.locations.count)
        for l in raw.locations {
            guard l.id != 0 else { throw ProtoWireError(offset: l.offset, message: "a location has the reserved id 0") }
            var mapping: Int32 = -1
            if l.mappingID != 0 {
                guard let index = mappingIndex.index(of: l.mappingID) else {
                    throw ProtoWireError(offset: l.offset, message: "location \(l.id) refers to mapping \(l.mappingID), which the profile does not have")
                }
                mapping = index
            }
            let lines = try l.lines.map { line -> ProfileLocation.Line in
                guard let index = functionIndex.index(of: line.functionID) else {
                    throw ProtoWireError(offset: l.offset, message: "location \(l.id) refers to function \(line.functionID), which the profile does not have")
                }
                return ProfileLocation.Line(function: index, line: line.line)
            }
            locations.append(ProfileLocation(id: l.id, mapping: mapping, address: l.address, lines: lines, isFolded: l.isFolded))
        }
        // The samples' location ids became indices while decoding; a repeated id makes
        // which location a sample means ambiguous.
        try IDTable(ids: raw.locations.map(\.id)).checkUnique(raw.locations.map(\.id), offsets: raw.locations.map(\.offset), what: "location")

        // Samples: ids to indices, and one value per sample type.
        let typeCount = sampleTypes.count
        if let (sample, count) = raw.sampleWithWrongValueCount {
            throw ProtoWireError(offset: Int(raw.sampleOffsets[sample]),
                                 message: "sample \(sample) has \(count) values but the profile has \(typeCount) sample types")
        }
        // The samples' location ids were made indices while decoding (an `IDTable` of
        // the same locations); the first one that matched no location is the error.
        if let (position, id) = raw.sampleUnknownLocationIDs.min(by: { $0.key < $1.key }) {
            var sample = 0
            while Int(raw.sampleStackStarts[sample + 1]) <= position { sample += 1 }
            throw ProtoWireError(offset: Int(raw.sampleOffsets[sample]),
                                 message: "sample \(sample) refers to location \(id), which the profile does not have")
        }
        if let excess = ProfileValueBound.firstExcess(values: raw.sampleValues, typeCount: sampleTypes.count) {
            throw ProtoWireError(offset: Int(raw.sampleOffsets[excess.sample]),
                                 message: "at sample \(excess.sample), " + ProfileValueBound.reason(typeName: sampleTypes[excess.type].type))
        }

        var labels: [Int: [ProfileLabel]] = [:]
        for (index, rawLabels) in raw.sampleLabels {
            let offset = Int(raw.sampleOffsets[index])
            labels[index] = try rawLabels.map { label in
                ProfileLabel(
                    key: try string(label.key, "a label key", at: offset),
                    string: label.str != 0 ? try string(label.str, "a label value", at: offset) : nil,
                    number: label.str == 0 ? label.num : nil,
                    numberUnit: label.numUnit != 0 ? try string(label.numUnit, "a label unit", at: offset) : nil)
            }
        }

        let periodType = try raw.periodType.map {
            ValueType(type: try string($0.type, "the period type", at: 0), unit: try string($0.unit, "the period unit", at: 0))
        }
        let defaultType = try string(raw.defaultSampleType, "the default sample type", at: 0)
        return Profile(
            sampleTypes: sampleTypes,
            defaultSampleType: defaultType.isEmpty ? nil : defaultType,
            periodType: periodType,
            period: raw.period,
            timeNanos: raw.timeNanos,
            durationNanos: raw.durationNanos,
            comments: try raw.comments.map { try string($0, "a comment", at: 0) },
            dropFrames: try string(raw.dropFrames, "drop_frames", at: 0),
            keepFrames: try string(raw.keepFrames, "keep_frames", at: 0),
            functions: functions,
            locations: locations,
            mappings: mappings,
            stackStarts: raw.sampleStackStarts,
            stackLocations: raw.sampleLocations,
            values: raw.sampleValues,
            sampleLabels: labels)
    }
}
