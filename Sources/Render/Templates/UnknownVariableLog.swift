/// Names looked up by a template that no scope of the view model has.
final class UnknownVariableLog: @unchecked Sendable {
    var names: [String] = []
}
