/// Findings of the base and the candidate, matched by kind: what the candidate brings,
/// what it no longer has, and what both have.
public struct FindingsChange: Sendable {
    public let new: [Finding]
    public let resolved: [Finding]
    /// The candidate's findings whose kind the base has too.
    public let unchanged: [Finding]

    public init(base: [Finding], candidate: [Finding]) {
        let baseKinds = Set(base.map(\.kind)), candidateKinds = Set(candidate.map(\.kind))
        new = candidate.filter { !baseKinds.contains($0.kind) }
        resolved = base.filter { !candidateKinds.contains($0.kind) }
        unchanged = candidate.filter { baseKinds.contains($0.kind) }
    }
}
