/// A label on a sample (pprof's `Label`): a string value, or a number with a unit.
public struct ProfileLabel: Sendable, Equatable, Hashable {
    public var key: String
    public var string: String?
    public var number: Int64?
    public var numberUnit: String?

    public init(key: String, string: String? = nil, number: Int64? = nil, numberUnit: String? = nil) {
        self.key = key
        self.string = string
        self.number = number
        self.numberUnit = numberUnit
    }
}
