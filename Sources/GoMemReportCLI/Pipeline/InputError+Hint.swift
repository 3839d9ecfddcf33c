import MemoryModel

extension InputError {
    /// The line the command line prints: the reader's own description, and for input
    /// beyond a cap, the option that raises it (readers do not know the flags).
    var withHint: String {
        guard let exceeded else { return description }
        var hinted = self
        hinted.reason += "; raise the limit with \(InputLimitOptions.flag(for: exceeded)) if this \(exceeded == .profileBytes ? "profile" : "input") is genuine"
        hinted.exceeded = nil
        return hinted.description
    }
}
