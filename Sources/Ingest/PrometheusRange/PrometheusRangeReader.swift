import Foundation
import MemoryModel

/// Reads the Prometheus HTTP API's `/api/v1/query_range` answer:
///
///     {"status":"success","data":{"resultType":"matrix","result":[
///       {"metric":{"__name__":"…","job":"…"},"values":[[1795851163.588,"1"],…]}]}}
///
/// Thanos, Mimir, VictoriaMetrics and Cortex answer in the same shape.
///
/// An answer may also carry `"warnings":["…"]` (a server's partial failures, such as
/// an unreachable remote-read store), which `envelope` returns.
///
/// Failure modes, each an `InputError` naming the file: bytes that are not JSON (with
/// the byte offset), an error answer (`"status":"error"` with its `errorType`/`error`),
/// a result type other than `matrix`, and a value that is not a number or a time outside
/// 1970–9999 (with the JSON path of the offending sample), and input beyond `InputLimits`
/// (a string longer than `maximumLineBytes`, more series than `maximumSeries`).
/// Samples come back in the
/// answer's order; `SeriesTimeOrder` repairs an answer whose times do not increase.
public enum PrometheusRangeReader {
    /// An answer's top level, without its data: what a client needs to tell success
    /// from failure and to pass the server's words on verbatim.
    public struct Envelope: Sendable, Equatable {
        /// `success` or `error`; nil when the JSON has no `status` member.
        public var status: String?
        /// `bad_data`, `execution`, `timeout`, `canceled`, `internal`, `unavailable`, `not_found` …
        public var errorType: String?
        public var error: String?
        public var warnings: [String] = []
    }

    /// Decodes `bytes`; `file` is only used to name the file in errors and origins.
    public static func read(_ bytes: [UInt8], file: String, limits: InputLimits = .standard) throws -> [MetricSeries] {
        try scan(bytes, file: file, readingData: true, limits: limits).series
    }

    /// Reads the answer's `status`, `errorType`, `error` and `warnings`, skipping its
    /// data without decoding a number. Throws `InputError` only for bytes that are not
    /// JSON or not a JSON object; an error answer is returned, not thrown.
    public static func envelope(_ bytes: [UInt8], file: String) throws -> Envelope {
        try scan(bytes, file: file, readingData: false, limits: .standard).envelope
    }

    private static func scan(_ bytes: [UInt8], file: String, readingData: Bool,
                             limits: InputLimits) throws -> (envelope: Envelope, series: [MetricSeries]) {
        do {
            return try bytes.withUnsafeBufferPointer { buffer in
                var scanner = JSONScanner(buffer)
                scanner.maximumStringBytes = limits.maximumLineBytes
                return try readAnswer(&scanner, file: file, readingData: readingData, maximumSeries: limits.maximumSeries)
            }
        } catch let syntax as JSONSyntaxError {
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
                throw InputError(file: file, reason: "the file is empty; expected a Prometheus query_range JSON answer")
            }
            if let limit = syntax.exceeded {
                throw InputError(file: file, location: "byte \(syntax.offset)", reason: syntax.message, exceeded: limit)
            }
            throw InputError(file: file, location: "byte \(syntax.offset)", reason: "not valid JSON: \(syntax.message)")
        }
    }

    private static func readAnswer(_ scanner: inout JSONScanner, file: String, readingData: Bool,
                                   maximumSeries: Int) throws -> (envelope: Envelope, series: [MetricSeries]) {
        guard scanner.peek() == UInt8(ascii: "{") else {
            throw scanner.error("expected a JSON object (a Prometheus query_range answer)")
        }
        var envelope = Envelope()
        var resultType: String?
        var series: [MetricSeries]?
        try scanner.forEachMember { scanner, key in
            switch key {
            case "status": envelope.status = try scanner.readString()
            case "errorType": envelope.errorType = try scanner.readString()
            case "error": envelope.error = try scanner.readString()
            case "warnings":
                if try scanner.consumeNull() { return }
                try scanner.forEachElement { scanner, _ in envelope.warnings.append(try scanner.readString()) }
            case "data" where readingData:
                if try scanner.consumeNull() { return }
                try scanner.forEachMember { scanner, key in
                    switch key {
                    case "resultType": resultType = try scanner.readString()
                    case "result": series = try readMatrix(&scanner, file: file, maximumSeries: maximumSeries)
                    default: try scanner.skipValue()
                    }
                }
            default: try scanner.skipValue()
            }
        }
        try scanner.expectEnd()
        guard readingData else { return (envelope, []) }

        guard let status = envelope.status else {
            throw InputError(file: file, location: "status", reason: "missing; this is not a Prometheus API answer")
        }
        guard status == "success" else {
            let kind = envelope.errorType.map { " (\($0))" } ?? ""
            throw InputError(file: file, reason: "Prometheus answered with an error\(kind): \(envelope.error ?? "no message")")
        }
        guard let resultType else {
            throw InputError(file: file, location: "data.resultType", reason: "missing; this is not a query_range answer")
        }
        guard resultType == "matrix" else {
            throw InputError(file: file, location: "data.resultType", reason: "is \"\(resultType)\"; expected \"matrix\", the answer of /api/v1/query_range")
        }
        guard let series else {
            throw InputError(file: file, location: "data.result", reason: "missing")
        }
        return (envelope, series)
    }

    /// Reads `data.result` on the assumption that it is a matrix; a vector or scalar
    /// result fails on its first element, before the result type is checked.
    /// More than `maximumSeries` series fail at the first one too many: each costs memory
    /// however empty it is.
    private static func readMatrix(_ scanner: inout JSONScanner, file: String, maximumSeries: Int) throws -> [MetricSeries] {
        var all: [MetricSeries] = []
        try scanner.forEachElement { scanner, index in
            let path = "data.result[\(index)]"
            guard index < maximumSeries else {
                throw InputError(file: file, location: path, reason: "more than \(maximumSeries) series in the recording", exceeded: .series)
            }
            var labels: [String: String] = [:]
            // Series of one answer nearly always have the same times: they are shared with the
            // last series while they are, and values get room for as many as it had.
            var timestamps = SharedTimes(reference: all.last?.timestamps ?? [])
            var values: [Double] = []
            values.reserveCapacity(all.last?.values.count ?? 0)
            try scanner.forEachMember { scanner, key in
                switch key {
                case "metric":
                    try scanner.forEachMember { scanner, name in
                        labels[name] = try scanner.readString()
                    }
                case "values":
                    try readValues(&scanner, file: file, path: path, timestamps: &timestamps, values: &values)
                default:
                    try scanner.skipValue()
                }
            }
            let name = labels.removeValue(forKey: "__name__") ?? ""
            all.append(MetricSeries(name: name, labels: labels, timestamps: timestamps.array, values: values,
                                    origin: SeriesOrigin(file: file, location: path)))
        }
        return all
    }

    /// Reads a series' `values`, `[[time,"value"],…]`. The loop is written out rather than
    /// passed to `forEachElement` as a closure: it runs once per sample, millions of times.
    private static func readValues(_ scanner: inout JSONScanner, file: String, path: String,
                                   timestamps: inout SharedTimes, values: inout [Double]) throws {
        try scanner.expect(UInt8(ascii: "["))
        if scanner.consume(UInt8(ascii: "]")) { return }
        let earliest = validTimes.lowerBound, latest = validTimes.upperBound
        var sampleIndex = 0
        repeat {
            let time: Double, value: Double
            if let plain = scanner.readPlainSample() {
                (time, value) = plain
            } else {
                try scanner.expect(UInt8(ascii: "["))
                time = try scanner.readNumber()
                try scanner.expect(UInt8(ascii: ","))
                guard let number = try scanner.readNumericString() else {
                    throw InputError(file: file, location: "\(path).values[\(sampleIndex)]", reason: "the sample value is not a number")
                }
                value = number
                try scanner.expect(UInt8(ascii: "]"))
            }
            guard time.isFinite, earliest <= time && time <= latest else {
                throw InputError(file: file, location: "\(path).values[\(sampleIndex)]",
                                 reason: "the timestamp \(time) is outside the years 1970–9999")
            }
            timestamps.append(time)
            values.append(value)
            sampleIndex += 1
        } while scanner.consume(UInt8(ascii: ","))
        try scanner.expect(UInt8(ascii: "]"))
    }

    /// A series' times as they are read, kept only as a count while they are those of
    /// another series (`reference`): a week of 10 s samples is 484 KB of times per series.
    struct SharedTimes {
        let reference: [Double]
        /// Nil while the times are `reference[..<count]`.
        private var own: [Double]?
        private(set) var count = 0

        init(reference: [Double]) {
            self.reference = reference
        }

        @inline(__always)
        var last: Double? {
            count == 0 ? nil : own?.last ?? reference[count - 1]
        }

        @inline(__always)
        mutating func append(_ time: Double) {
            if own == nil {
                if count < reference.count && reference[count].bitPattern == time.bitPattern {
                    count += 1
                    return
                }
                var copy: [Double] = []
                copy.reserveCapacity(reference.count)
                copy += reference[..<count]
                own = copy
            }
            own!.append(time)
            count += 1
        }

        var array: [Double] {
            own ?? (count == reference.count ? reference : Array(reference[..<count]))
        }
    }

    /// Unix seconds from 1970 to the end of 9999: what a Prometheus server can hold and
    /// what calendar arithmetic downstream can take without overflow.
    static let validTimes: ClosedRange<Double> = 0...253_402_300_799
}
