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

    @Flag(name: .customLong("lines"), help: "Aggregate by source line (function file:line) instead of by function, as pprof's -lines.")
    var lines = false
}
