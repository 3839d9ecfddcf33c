import ArgumentParser
import Ingest

/// Options every command that reads pprof profiles shares.
struct ProfileOptions: ParsableArguments {
    @Option(name: .customLong("sample-index"), help: ArgumentHelp(
        "The sample type to show, by name or index, as pprof's -sample_index (default: the profile's default; inuse_space for heap profiles).",
        valueName: "name"))
    var sampleIndex: String?

    @OptionGroup var sizeLimits: SizeLimitOptions

    /// --max-profile-bytes in bytes.
    func maxProfileBytes() throws -> Int { try sizeLimits.maxProfileBytes() }

    /// --max-line-bytes in bytes.
    func maxLineBytes() throws -> Int { try sizeLimits.maxLineBytes() }

    @Flag(help: "With --base: scale the profile to the base's total first, as pprof's -normalize, so the diff shows changes in shape rather than volume.")
    var normalize = false

    @Flag(name: .customLong("lines"), help: "Aggregate by source line (function file:line) instead of by function, as pprof's -lines.")
    var lines = false
}
