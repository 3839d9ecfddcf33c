import ArgumentParser
import Ingest
import MemoryModel

/// `--max-input-bytes`, `--max-line-bytes`, `--max-series` and `--max-profile-bytes`:
/// how much of its input `report` and `site` will read (`InputLimits`). Sizes take
/// bytes or KiB/MiB/GiB (`64MiB`).
struct InputLimitOptions: ParsableArguments {
    @Option(name: .customLong("max-input-bytes"), help: ArgumentHelp(
        "Refuse an input file (query_range answer, snapshot, recording.json, notes) larger than this (default 1GiB).",
        valueName: "size"))
    var maxInputBytes: String?

    @Option(name: .customLong("max-series"), help: ArgumentHelp(
        "Refuse a recording of more series than this (default 200000).", valueName: "n"))
    var maxSeries: Int?

    @OptionGroup var sizeLimits: SizeLimitOptions

    func validate() throws {
        _ = try limits()
    }

    /// The option that raises `limit`, for the hint after an input beyond it.
    static func flag(for limit: ExceededLimit) -> String {
        switch limit {
        case .inputBytes: return "--max-input-bytes"
        case .profileBytes: return "--max-profile-bytes"
        case .series: return "--max-series"
        case .lineBytes: return "--max-line-bytes"
        }
    }

    /// The limits the options give; defaults where they are not given.
    func limits() throws -> InputLimits {
        var limits = InputLimits.standard
        if let maxInputBytes { limits.maximumInputBytes = try ByteCountArgument.bytes(maxInputBytes, option: "--max-input-bytes") }
        limits.maximumLineBytes = try sizeLimits.maxLineBytes()
        limits.maximumProfileBytes = try sizeLimits.maxProfileBytes()
        if let maxSeries {
            guard maxSeries > 0 else { throw ValidationError("--max-series: '\(maxSeries)' is not a positive number of series") }
            limits.maximumSeries = maxSeries
        }
        return limits
    }
}
