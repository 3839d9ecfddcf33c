import MemoryModel

/// A profile as `profile.proto` states it, before ids and string indices are resolved
/// (phase one of decoding). Field comments quote google/pprof's `proto/profile.proto`.
struct RawProfile {
    struct ValueTypeX { var type: Int64 = 0; var unit: Int64 = 0 }
    struct LabelX { var key: Int64 = 0; var str: Int64 = 0; var num: Int64 = 0; var numUnit: Int64 = 0 }
    struct LineX { var functionID: UInt64 = 0; var line: Int64 = 0 }
    struct LocationX {
        var id: UInt64 = 0
        var mappingID: UInt64 = 0
        var address: UInt64 = 0
        var lines: [LineX] = []
        var isFolded = false
        /// Where the message starts, for errors found when resolving it.
        var offset = 0
    }
    struct FunctionX {
        var id: UInt64 = 0
        var name: Int64 = 0
        var systemName: Int64 = 0
        var filename: Int64 = 0
        var startLine: Int64 = 0
        var offset = 0
    }
    struct MappingX {
        var id: UInt64 = 0
        var memoryStart: UInt64 = 0
        var memoryLimit: UInt64 = 0
        var fileOffset: UInt64 = 0
        var filename: Int64 = 0
        var buildID: Int64 = 0
        var hasFunctions = false, hasFilenames = false, hasLineNumbers = false, hasInlineFrames = false
        var offset = 0
    }

    // repeated ValueType sample_type = 1;
    var sampleTypes: [ValueTypeX] = []
    // repeated Sample sample = 2;  (flat: locations, values, labels per sample)
    var sampleStackStarts: [Int32] = [0]
    /// Each location_id already as an index into `locations` (the samples are decoded
    /// after the locations are known), −1 where no location has the id.
    var sampleLocations = PackedIntegers<Int32>()
    /// The ids behind the −1 entries of `sampleLocations`, by position, for the error
    /// that resolution reports.
    var sampleUnknownLocationIDs: [Int: UInt64] = [:]
    var sampleValues = PackedIntegers<Int64>()
    /// The first sample whose value count differs from `sampleTypes.count`, if any.
    var sampleWithWrongValueCount: (sample: Int, count: Int)?
    /// Where each sample's field starts, for errors.
    var sampleOffsets = PackedIntegers<Int64>()
    var sampleLabels: [Int: [LabelX]] = [:]
    // repeated Mapping mapping = 3;
    var mappings: [MappingX] = []
    // repeated Location location = 4;
    var locations: [LocationX] = []
    // repeated Function function = 5;
    var functions: [FunctionX] = []
    // repeated string string_table = 6;
    var strings: [String] = []
    // int64 drop_frames = 7;
    var dropFrames: Int64 = 0
    // int64 keep_frames = 8;
    var keepFrames: Int64 = 0
    // int64 time_nanos = 9;
    var timeNanos: Int64 = 0
    // int64 duration_nanos = 10;
    var durationNanos: Int64 = 0
    // ValueType period_type = 11;
    var periodType: ValueTypeX?
    // int64 period = 12;
    var period: Int64 = 0
    // repeated int64 comment = 13;
    var comments: [Int64] = []
    // int64 default_sample_type = 14;
    var defaultSampleType: Int64 = 0
}
