import ArgumentParser
import Ingest

/// `--max-input-bytes`, `--max-line-bytes`, `--max-series` and `--max-profile-bytes`:
/// how much of its input `report` and `site` will read (`InputLimits`). Sizes take
/// bytes or KiB/MiB/GiB (`64MiB`).
struct InputLimitOptions: ParsableArguments {
    @Option(name: .customLong("max-input-bytes"), help: ArgumentHelp(
        "Refuse an input file (query_range answer, snapshot, recording.json, notes) larger than this (default 1GiB).",
        valueName: "size"))
    var maxInputBytes: String?

    @Option(name: .customLong("max-line-bytes"), help: ArgumentHelp(
        "Refuse a text input with a line, or a query_range answer with a string, longer than this (default 1MiB).",
        valueName: "size"))
    var maxLineBytes: String?

    @Option(name: .customLong("max-series"), help: ArgumentHelp(
        "Refuse a recording of more series than this (default 200000).", valueName: "n"))
    var maxSeries: Int?

    @Option(name: .customLong("max-profile-bytes"), help: ArgumentHelp(
        "Refuse profiles larger than this once decompressed, so a gzip bomb fails (default 256MiB).", valueName: "size"))
    var maxProfileBytes: String?

    func validate() throws {
        _ = try limits()
    }

    /// The limits the options give; defaults where they are not given.
    func limits() throws -> InputLimits {
        var limits = InputLimits.standard
        if let maxInputBytes { limits.maximumInputBytes = try ByteCountArgument.bytes(maxInputBytes, option: "--max-input-bytes") }
        if let maxLineBytes { limits.maximumLineBytes = try ByteCountArgument.bytes(maxLineBytes, option: "--max-line-bytes") }
        if let maxProfileBytes { limits.maximumProfileBytes = try ByteCountArgument.bytes(maxProfileBytes, option: "--max-profile-bytes") }
        if let maxSeries {
            guard maxSeries > 0 else { throw ValidationError("--max-series: '\(maxSeries)' is not a positive number of series") }
            limits.maximumSeries = maxSeries
        }
        return limits
    }
}
