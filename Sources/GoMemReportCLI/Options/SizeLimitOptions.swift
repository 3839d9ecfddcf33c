import ArgumentParser
import Ingest

/// `--max-profile-bytes` and `--max-line-bytes`: the two caps every command that reads
/// input shares, so `top`/`profile` and `report`/`site` spell and default them alike.
/// Sizes take bytes or KiB/MiB/GiB (`64MiB`); a bad size fails validation.
struct SizeLimitOptions: ParsableArguments {
    @Option(name: .customLong("max-profile-bytes"), help: ArgumentHelp(
        "Refuse profiles larger than this once decompressed, so a gzip bomb fails (default 256MiB).", valueName: "size"))
    var maxProfileBytesText: String?

    @Option(name: .customLong("max-line-bytes"), help: ArgumentHelp(
        "Refuse a text input or profile with a line, or a query_range answer with a string, longer than this (default 1MiB).",
        valueName: "size"))
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
}
