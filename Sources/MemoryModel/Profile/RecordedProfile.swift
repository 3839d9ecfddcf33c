/// A profile taken during a recording, with what the report needs to place it.
public struct RecordedProfile: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case heap
        case goroutine
        /// `/debug/pprof/goroutineleak` (Go 1.26+): only goroutines the GC proved can
        /// never run again.
        case goroutineLeak
        case other
    }

    public var kind: Kind
    /// The file, relative to the recording folder (or as the user named it).
    public var file: String
    /// When it was taken, Unix seconds: `time_nanos`, else the file name's stamp; nil
    /// when neither says.
    public var time: Double?
    public var profile: Profile

    public init(kind: Kind, file: String, time: Double?, profile: Profile) {
        self.kind = kind
        self.file = file
        self.time = time
        self.profile = profile
    }

    /// The kind a profile's sample types say it is.
    public static func kind(of profile: Profile) -> Kind {
        let types = Set(profile.sampleTypes.map(\.type))
        if types.contains("inuse_space") || types.contains("alloc_space") { return .heap }
        if types == ["goroutine"] { return .goroutine }
        if types == ["goroutineleak"] { return .goroutineLeak }
        return .other
    }
}
