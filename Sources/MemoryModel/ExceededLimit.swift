/// Which of the readers' caps an input went past (Ingest's `InputLimits`). Readers say
/// only what was too large; the command line names the option that raises the cap, so
/// no reader knows about flags.
public enum ExceededLimit: String, Sendable, Equatable, CaseIterable {
    /// The size of one input file.
    case inputBytes
    /// A profile's size, read or decompressed.
    case profileBytes
    /// Series in one answer, scrape or recording.
    case series
    /// One line of text, or one JSON string.
    case lineBytes
}
