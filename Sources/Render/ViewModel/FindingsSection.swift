/// The report's lead: every finding of every instance, most severe first, or a plain
/// "nothing to fix".
public struct FindingsSection: Sendable {
    /// "1 critical, 1 warning" or "Nothing to fix".
    public var headline: String
    /// A sentence under the headline.
    public var summary: String
    public var findings: [FindingView]
    public var hasFindings: Bool
}
