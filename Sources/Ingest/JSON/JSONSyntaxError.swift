import MemoryModel

/// Malformed JSON, found at a byte offset.
struct JSONSyntaxError: Error, Equatable {
    var offset: Int
    var message: String
    /// The JSON may be well formed but passes a limit (a string longer than
    /// `JSONScanner.maximumStringBytes`): the message says so on its own.
    var exceeded: ExceededLimit?
}
