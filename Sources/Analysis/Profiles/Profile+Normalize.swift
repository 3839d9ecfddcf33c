import MemoryModel

extension Profile {
    /// pprof's `-normalize`: scales this (current) profile so that each sample type adds
    /// up to what it does in `base`, rounding every value half away from zero and
    /// dropping samples whose scaled values are all zero, exactly as pprof's
    /// `Profile.Normalize`/`ScaleN` do. A diff of the result against `base` then shows
    /// shifts in shape rather than in volume.
    public func normalized(toMatch base: Profile) -> Profile {
        let types = sampleTypes.count
        guard types > 0, base.sampleTypes.count == types else { return self }
        var baseTotals = [Int64](repeating: 0, count: types), totals = [Int64](repeating: 0, count: types)
        for i in 0..<base.values.count { baseTotals[i % types] &+= base.values[i] }
        for i in 0..<values.count { totals[i % types] &+= values[i] }
        let ratios = (0..<types).map { totals[$0] == 0 ? 0 : Double(baseTotals[$0]) / Double(totals[$0]) }
        if ratios.allSatisfy({ $0 == 1 }) { return self }

        var result = self
        result.stackStarts = [0]
        result.stackLocations = []
        result.values = []
        result.sampleLabels = [:]
        var goroutines: [GoroutineRecord]? = goroutines.map { _ in [] }
        for sample in 0..<sampleCount {
            var scaled: [Int64] = []
            var keep = false
            for type in 0..<types {
                let value = values[sample * types + type]
                if ratios[type] != 1 {
                    let product = (Double(value) * ratios[type]).rounded(.toNearestOrAwayFromZero)
                    let clamped = Int64(max(min(product, 9.2e18), -9.2e18))
                    scaled.append(clamped)
                    keep = keep || clamped != 0
                } else {
                    scaled.append(value)
                }
            }
            guard keep else { continue }
            if let labels = sampleLabels[sample] { result.sampleLabels[result.sampleCount] = labels }
            result.stackLocations.append(contentsOf: stack(ofSample: sample))
            result.stackStarts.append(Int32(result.stackLocations.count))
            result.values.append(contentsOf: scaled)
            if let record = self.goroutines?[sample] { goroutines?.append(record) }
        }
        result.goroutines = goroutines
        return result
    }
}
