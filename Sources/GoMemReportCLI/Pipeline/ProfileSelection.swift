import MemoryModel

/// Picks a profile's sample type from the user's `--sample-index`, failing with the
/// list of types the profile has.
enum ProfileSelection {
    static func sampleIndex(_ selector: String?, in profile: Profile, file: String) throws -> Int {
        if let index = profile.sampleTypeIndex(selector) { return index }
        let known = profile.sampleTypes.enumerated().map { "\($0.offset): \($0.element.type)" }.joined(separator: ", ")
        if profile.sampleTypes.isEmpty {
            throw InputError(file: file, reason: "the profile has no sample types")
        }
        throw InputError(file: file, reason: "no sample type '\(selector ?? "")'; the profile has \(known)")
    }
}
