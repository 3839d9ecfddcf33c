import MemoryModel

extension Profile {
    /// The sum of every sample's value of sample type `typeIndex` (wrapping, as pprof's
    /// int64 sums do: a hostile profile must not trap). `typeIndex` must be in range.
    public func total(ofType typeIndex: Int) -> Int64 {
        var sum: Int64 = 0
        for sample in 0..<sampleCount { sum &+= value(ofSample: sample, type: typeIndex) }
        return sum
    }
}
