/// Malformed legacy text profile input, found on a line (1-based).
///
/// The readers throw it from deep inside their loops; `LegacyProfileText.read` turns it
/// into the one `InputError` the rest of the program sees, adding the file name there
/// so the hot paths do not carry it around.
struct LegacyTextSyntaxError: Error, Equatable {
    var line: Int
    var reason: String
}
