import MemoryModel

/// The collector's two knobs as the service exported them: `/gc/gogc:percent`
/// (`go_gc_gogc_percent`) and `/gc/gomemlimit:bytes` (`go_gc_gomemlimit_bytes`), Go 1.21+.
///
/// "Off" and "no limit" are normal settings, not bad data: `GOGC=off` reads −1 from
/// debug.SetGCPercent but client_golang exports the runtime/metrics uint64 as
/// 1.8446744073709552e+19; "no limit" is `math.MaxInt64`, exported as
/// 9.223372036854776e+18. Anything at or above 2^62 is read as off / no limit, so no
/// caller ever converts such a value to an integer.
public struct GCSettings: Sendable, Equatable {
    public enum GOGC: Sendable, Equatable {
        case percent(Double)
        case off
        /// Not recorded (Go before 1.21, or the collector option not enabled); 100 is the default.
        case unknown
    }

    public enum MemoryLimit: Sendable, Equatable {
        case bytes(Double)
        case none
        case unknown
    }

    public var gogc: GOGC
    public var memoryLimit: MemoryLimit

    public init(gogc: GOGC, memoryLimit: MemoryLimit) {
        self.gogc = gogc
        self.memoryLimit = memoryLimit
    }

    /// The last finite value of each setting in the instance's series.
    public init(instance: InstanceSeries) {
        self.init(gogcSeries: instance.series(named: "go_gc_gogc_percent"),
                  memoryLimitSeries: instance.series(named: "go_gc_gomemlimit_bytes"))
    }

    public init(gogcSeries: MetricSeries?, memoryLimitSeries: MetricSeries?) {
        if let value = gogcSeries?.values.last(where: { $0.isFinite }) {
            gogc = value < 0 || value >= Self.unlimited ? .off : .percent(value)
        } else {
            gogc = .unknown
        }
        if let value = memoryLimitSeries?.values.last(where: { $0.isFinite }) {
            memoryLimit = value <= 0 || value >= Self.unlimited ? .none : .bytes(value)
        } else {
            memoryLimit = .unknown
        }
    }

    static let unlimited = 0x1p62

    /// GOGC for the heap-goal arithmetic: the recorded percent, or the default 100 when
    /// unknown; nil when the GC is off (there is no proportional goal).
    public var effectiveGOGC: Double? {
        switch gogc {
        case let .percent(value): return value
        case .off: return nil
        case .unknown: return 100
        }
    }

    /// The soft memory limit in bytes, when one is set.
    public var limitBytes: Double? {
        if case let .bytes(value) = memoryLimit { return value }
        return nil
    }

    /// `GOGC=100`, `GOGC=off`, `GOGC=100 (assumed)`: for text, never trapping on huge values.
    public var gogcText: String {
        switch gogc {
        case let .percent(value): return "GOGC=\(Self.number(value))"
        case .off: return "GOGC=off"
        case .unknown: return "GOGC=100 (assumed)"
        }
    }

    /// Integral values without a fraction; the value is below 2^62 by construction.
    public static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 0x1p62 ? String(Int64(value)) : String(value)
    }
}
