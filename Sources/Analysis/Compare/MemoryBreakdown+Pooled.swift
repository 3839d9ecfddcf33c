import MemoryModel

extension MemoryBreakdown {
    /// A pooled side drawn as one: at each of the first member's timestamps, the mean of
    /// the members that have a sample there (a live query's steps align them). A mean,
    /// not a median, so the eight categories still add up to Go memory. RSS is the mean
    /// of the members with RSS at that time. Nil for fewer than two members.
    static func pooledMean(_ members: [MemoryBreakdown], instance: InstanceID) -> MemoryBreakdown? {
        guard members.count > 1, let first = members.first else { return nil }
        let positions = members.map { member in
            Dictionary(member.timestamps.enumerated().map { ($1, $0) }, uniquingKeysWith: { earlier, _ in earlier })
        }
        var categories = [MemoryCategory: [Double]]()
        var goMemory: [Double] = [], heapReleased: [Double] = [], rss: [Double?] = []
        for time in first.timestamps {
            let present = members.indices.compactMap { m in positions[m][time].map { (m, $0) } }
            func mean(_ value: (MemoryBreakdown, Int) -> Double) -> Double {
                present.reduce(0) { $0 + value(members[$1.0], $1.1) } / Double(present.count)
            }
            for category in MemoryCategory.allCases {
                categories[category, default: []].append(mean { $0.value(category, at: $1) })
            }
            goMemory.append(mean { $0.goMemory[$1] })
            heapReleased.append(mean { $0.heapReleased[$1] })
            let withRSS = present.compactMap { members[$0.0].rss[$0.1] }
            rss.append(withRSS.isEmpty ? nil : withRSS.reduce(0, +) / Double(withRSS.count))
        }
        return MemoryBreakdown(instance: instance, scheme: first.scheme, timestamps: first.timestamps, categories: categories,
                               goMemory: goMemory, heapReleased: heapReleased, rss: rss)
    }
}
