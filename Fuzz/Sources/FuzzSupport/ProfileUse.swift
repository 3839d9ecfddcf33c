import Analysis
import MemoryModel

/// What the CLI does next with a profile it read (`top`, `profile`, the report's heap
/// and goroutine sections), run on every profile a fuzz target reads, after checking
/// its contract: a reader's output that is valid yet extreme (huge or negative values,
/// deep stacks) must not trap there either.
public enum ProfileUse {
    /// A profile target's whole body: the input's bytes through `read` (which must
    /// return or throw an `InputError` naming the file), then through `exercise`.
    public static func fuzz(_ start: UnsafeRawPointer, _ count: Int,
                            read: ([UInt8], String) throws -> Profile) -> CInt {
        let bytes = FuzzContract.bytes(start, count)
        if let profile = FuzzContract.check({ try read(bytes, FuzzContract.fileName) }) { exercise(profile) }
        return 0
    }

    public static func exercise(_ profile: Profile) {
        ProfileContract.check(profile)
        for index in profile.sampleTypes.indices.prefix(4) {
            _ = ProfileTop.compute(profile: profile, sampleIndex: index, granularity: .functions)
            _ = ProfileTop.compute(profile: profile, sampleIndex: index, granularity: .lines, nodeCount: 15)
            _ = ProfileTop.diff(current: profile, base: profile, sampleIndex: index)
        }
        if !profile.sampleTypes.isEmpty {
            _ = GoroutineGroups(profile: profile)
        }
    }
}
