/// Builds a `Profile` sample by sample, interning functions and locations, for readers
/// of text forms (which name functions rather than give ids).
public struct ProfileBuilder: Sendable {
    public private(set) var profile: Profile
    private var functionIndex: [FunctionKey: Int32] = [:]
    private var locationIndex: [LocationKey: Int32] = [:]

    private struct FunctionKey: Hashable { var name: String; var filename: String }
    private struct LocationKey: Hashable { var address: UInt64; var lines: [ProfileLocation.Line] }

    public init(sampleTypes: [ValueType], defaultSampleType: String? = nil) {
        profile = Profile(sampleTypes: sampleTypes, defaultSampleType: defaultSampleType)
    }

    /// The index of the function with this name and file, added if new.
    public mutating func function(name: String, filename: String) -> Int32 {
        let key = FunctionKey(name: name, filename: filename)
        if let index = functionIndex[key] { return index }
        let index = Int32(profile.functions.count)
        profile.functions.append(ProfileFunction(id: UInt64(index) + 1, name: name, systemName: name, filename: filename))
        functionIndex[key] = index
        return index
    }

    /// The index of the location with this address and these lines (innermost first),
    /// added if new.
    public mutating func location(address: UInt64, lines: [ProfileLocation.Line]) -> Int32 {
        let key = LocationKey(address: address, lines: lines)
        if let index = locationIndex[key] { return index }
        let index = Int32(profile.locations.count)
        profile.locations.append(ProfileLocation(id: UInt64(index) + 1, address: address, lines: lines))
        locationIndex[key] = index
        return index
    }

    /// Adds a sample; `stack` is leaf first and `values` has one value per sample type.
    public mutating func addSample(stack: [Int32], values: [Int64], labels: [ProfileLabel] = []) {
        precondition(values.count == profile.sampleTypes.count, "one value per sample type")
        if !labels.isEmpty { profile.sampleLabels[profile.sampleCount] = labels }
        profile.stackLocations.append(contentsOf: stack)
        profile.stackStarts.append(Int32(profile.stackLocations.count))
        profile.values.append(contentsOf: values)
    }

    /// Sets the remaining fields (time, period, trailers) directly.
    public mutating func update(_ body: (inout Profile) -> Void) {
        body(&profile)
    }
}
