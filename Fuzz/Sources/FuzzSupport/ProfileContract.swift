import MemoryModel

/// The contract `Profile` documents and every reader must uphold, checked on each
/// profile a fuzz target reads: the report, `top` and `profile` index with these
/// numbers unchecked, so a reader that breaks it turns bad input into a trap later on.
public enum ProfileContract {
    public static func check(_ profile: Profile) {
        let starts = profile.stackStarts
        guard let first = starts.first, first == 0 else { FuzzContract.fail("stackStarts does not begin at 0: \(starts.prefix(3))") }
        for (start, next) in zip(starts, starts.dropFirst()) where next < start {
            FuzzContract.fail("stackStarts decrease: \(start) then \(next)")
        }
        guard Int(starts.last!) == profile.stackLocations.count else {
            FuzzContract.fail("stackStarts ends at \(starts.last!), not at the \(profile.stackLocations.count) stack entries")
        }
        guard profile.values.count == profile.sampleCount * profile.sampleTypes.count else {
            FuzzContract.fail("\(profile.values.count) values for \(profile.sampleCount) samples × \(profile.sampleTypes.count) types")
        }
        for location in profile.stackLocations where location < 0 || Int(location) >= profile.locations.count {
            FuzzContract.fail("a stack names location \(location) of \(profile.locations.count)")
        }
        for location in profile.locations {
            if location.mapping < -1 || Int(location.mapping) >= profile.mappings.count {
                FuzzContract.fail("a location names mapping \(location.mapping) of \(profile.mappings.count)")
            }
            for line in location.lines where line.function < 0 || Int(line.function) >= profile.functions.count {
                FuzzContract.fail("a location names function \(line.function) of \(profile.functions.count)")
            }
        }
        for sample in profile.sampleLabels.keys where sample < 0 || sample >= profile.sampleCount {
            FuzzContract.fail("labels for sample \(sample) of \(profile.sampleCount)")
        }
        let types = profile.sampleTypes.count
        if types > 0 {
            var totals = [Int64](repeating: 0, count: types)
            for (index, value) in profile.values.enumerated() {
                let (total, overflow) = totals[index % types].addingReportingOverflow(value == .min ? .max : abs(value))
                if overflow || total > Int64.max / 2 {
                    FuzzContract.fail("sample \(index / types)'s values add up beyond Int64.max / 2")
                }
                totals[index % types] = total
            }
        }
        if let goroutines = profile.goroutines, goroutines.count != profile.sampleCount {
            FuzzContract.fail("\(goroutines.count) goroutine records for \(profile.sampleCount) samples")
        }
    }
}
