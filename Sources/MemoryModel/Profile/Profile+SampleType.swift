extension Profile {
    /// The sample type pprof shows when none is asked for: `default_sample_type` when
    /// the profile names one, else the last type (for Go heap profiles, `inuse_space`).
    public var defaultSampleTypeIndex: Int {
        if let name = defaultSampleType, let index = sampleTypes.firstIndex(where: { $0.type == name }) {
            return index
        }
        return max(sampleTypes.count - 1, 0)
    }

    /// Resolves a selector the way pprof's `-sample_index` does: nil for the default,
    /// an index (`"3"`), or a type name (`"inuse_space"`). Nil when nothing matches.
    public func sampleTypeIndex(_ selector: String?) -> Int? {
        guard let selector else { return sampleTypes.isEmpty ? nil : defaultSampleTypeIndex }
        if let index = Int(selector) { return sampleTypes.indices.contains(index) ? index : nil }
        return sampleTypes.firstIndex { $0.type == selector }
    }
}
