/// A pprof profile, from `profile.proto` or from the runtime's legacy text forms,
/// with ids resolved to indices.
///
/// Samples are stored flat for speed (a profile can have hundreds of thousands):
/// sample `i` has the stack `stackLocations[stackStarts[i] ..< stackStarts[i + 1]]`
/// (indices into `locations`, leaf first) and the values
/// `values[i * sampleTypes.count ..< (i + 1) * sampleTypes.count]`. Frames and values
/// are packed (`PackedIntegers`): a 1M-sample profile's 17 million frames take 2 bytes
/// each, not 4, and its values usually 4, not 8.
///
/// Contract, upheld by every reader: `stackStarts.count == sampleCount + 1`, starts
/// are non-decreasing, every index is in range, `values.count == sampleCount *
/// sampleTypes.count`, and per sample type the values' magnitudes add up to at most
/// `Int64.max / 2`, so sums and the difference of two profiles' sums never overflow.
public struct Profile: Sendable, Equatable {
    public var sampleTypes: [ValueType]
    /// The sample type to show by default (pprof's `default_sample_type`), if the
    /// profile names one.
    public var defaultSampleType: String?
    public var periodType: ValueType?
    public var period: Int64
    /// When the profile was taken, in Unix nanoseconds; 0 when unknown.
    public var timeNanos: Int64
    public var durationNanos: Int64
    public var comments: [String]
    public var dropFrames: String
    public var keepFrames: String

    public var functions: [ProfileFunction]
    public var locations: [ProfileLocation]
    public var mappings: [ProfileMapping]

    public var stackStarts: [Int32]
    public var stackLocations: PackedIntegers<Int32>
    public var values: PackedIntegers<Int64>
    /// Labels of the samples that have any, by sample index.
    public var sampleLabels: [Int: [ProfileLabel]]

    /// The `# runtime.MemStats` trailer of a heap `debug=1` profile: field → value.
    public var memStats: [String: Int64]?
    /// Per-sample goroutine details, from a `debug=2` dump.
    public var goroutines: [GoroutineRecord]?

    public init(sampleTypes: [ValueType], defaultSampleType: String? = nil, periodType: ValueType? = nil, period: Int64 = 0,
                timeNanos: Int64 = 0, durationNanos: Int64 = 0, comments: [String] = [], dropFrames: String = "",
                keepFrames: String = "", functions: [ProfileFunction] = [], locations: [ProfileLocation] = [],
                mappings: [ProfileMapping] = [], stackStarts: [Int32] = [0], stackLocations: PackedIntegers<Int32> = [],
                values: PackedIntegers<Int64> = [], sampleLabels: [Int: [ProfileLabel]] = [:],
                memStats: [String: Int64]? = nil, goroutines: [GoroutineRecord]? = nil) {
        self.sampleTypes = sampleTypes
        self.defaultSampleType = defaultSampleType
        self.periodType = periodType
        self.period = period
        self.timeNanos = timeNanos
        self.durationNanos = durationNanos
        self.comments = comments
        self.dropFrames = dropFrames
        self.keepFrames = keepFrames
        self.functions = functions
        self.locations = locations
        self.mappings = mappings
        self.stackStarts = stackStarts
        self.stackLocations = stackLocations
        self.values = values
        self.sampleLabels = sampleLabels
        self.memStats = memStats
        self.goroutines = goroutines
    }

    public var sampleCount: Int { stackStarts.count - 1 }

    /// The stack of sample `index`, leaf first, as indices into `locations`.
    public func stack(ofSample index: Int) -> Slice<PackedIntegers<Int32>> {
        stackLocations[Int(stackStarts[index])..<Int(stackStarts[index + 1])]
    }

    /// Value `typeIndex` of sample `index`.
    public func value(ofSample index: Int, type typeIndex: Int) -> Int64 {
        values[index * sampleTypes.count + typeIndex]
    }
}
