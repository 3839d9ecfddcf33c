import ArgumentParser
import Ingest

/// Options every command that reads pprof profiles shares.
struct ProfileOptions: ParsableArguments {
    @Option(name: .customLong("sample-index"), help: ArgumentHelp(
        "The sample type to show, by name or index, as pprof's -sample_index (default: the profile's default; inuse_space for heap profiles).",
        valueName: "name"))
    var sampleIndex: String?

    @Option(name: .customLong("max-profile-bytes"), help: ArgumentHelp(
        "Refuse profiles that decompress to more than this many bytes.", valueName: "bytes"))
    var maxProfileBytes: Int = ProfileReader.defaultMaximumBytes

    @Flag(help: "With --base: scale the profile to the base's total first, as pprof's -normalize, so the diff shows changes in shape rather than volume.")
    var normalize = false

    @Flag(name: .customLong("lines"), help: "Aggregate by source line (function file:line) instead of by function, as pprof's -lines.")
    var lines = false
}
