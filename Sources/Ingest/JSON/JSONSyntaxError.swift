/// Malformed JSON, found at a byte offset.
struct JSONSyntaxError: Error, Equatable {
    var offset: Int
    var message: String
}
