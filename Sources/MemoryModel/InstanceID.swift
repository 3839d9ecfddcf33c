/// Identifies one scraped process: Prometheus's `job` and `instance` labels.
public struct InstanceID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var job: String
    public var instance: String

    public init(job: String, instance: String) {
        self.job = job
        self.instance = instance
    }

    /// `job/instance`, or whichever of the two is present.
    public var description: String {
        switch (job.isEmpty, instance.isEmpty) {
        case (false, false): return "\(job)/\(instance)"
        case (false, true): return job
        case (true, false): return instance
        case (true, true): return "(unlabelled)"
        }
    }

    public static func < (lhs: InstanceID, rhs: InstanceID) -> Bool {
        (lhs.job, lhs.instance) < (rhs.job, rhs.instance)
    }
}
