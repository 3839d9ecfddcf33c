/// The `--email` message: where it goes and how it is addressed and dated.
struct EmailSettings: Sendable {
    var path: String
    var to: [String]
    var from: String
    /// Nil: the recording and its worst finding.
    var subject: String?
    /// Unix seconds; nil dates the message by the recording's last sample, so the same
    /// inputs give the same bytes.
    var date: Double?
}
