import ArgumentParser
import Ingest

/// Options every command that reads pprof profiles shares.
struct ProfileOptions: ParsableArguments {
    @Option(name: .customLong("sample-index"), help: ArgumentHelp(
        "The sample type to show, by name or index, as pprof's -sample_index (default: the profile's default; inuse_space for heap profiles).",
        valueName: "name"))
    var sampleIndex: String?

    @Option(name: .customLong("max-profile-bytes"), help: ArgumentHelp(
        "Refuse profiles larger than this once decompressed, so a gzip bomb fails (default 256MiB).", valueName: "size"))
    var maxProfileBytesText: String?

    @Option(name: .customLong("max-line-bytes"), help: ArgumentHelp(
        "Refuse a text profile with a line longer than this (default 1MiB).", valueName: "size"))
    var maxLineBytesText: String?

    func validate() throws {
        _ = try maxProfileBytes()
        _ = try maxLineBytes()
    }

    /// --max-profile-bytes in bytes.
    func maxProfileBytes() throws -> Int {
        try maxProfileBytesText.map { try ByteCountArgument.bytes($0, option: "--max-profile-bytes") } ?? InputLimits.defaultMaximumProfileBytes
    }

    /// --max-line-bytes in bytes.
    func maxLineBytes() throws -> Int {
        try maxLineBytesText.map { try ByteCountArgument.bytes($0, option: "--max-line-bytes") } ?? InputLimits.defaultMaximumLineBytes
    }

    @Flag(help: "With --base: scale the profile to the base's total first, as pprof's -normalize, so the diff shows changes in shape rather than volume.")
    var normalize = false

    @Flag(name: .customLong("lines"), help: "Aggregate by source line (function file:line) instead of by function, as pprof's -lines.")
    var lines = false
}
