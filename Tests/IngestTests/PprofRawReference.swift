import Foundation

/// The samples of a saved `go tool pprof -raw FILE` output (see
/// Tests/Fixtures/pprof-reference/README.md): values, stacks as addresses (leaf first)
/// and the numeric `bytes` label, in pprof's order.
struct PprofRawReference {
    struct Sample: Equatable {
        var values: [Int64]
        var addresses: [UInt64]
        var bytesLabel: Int64?
    }

    var period: Int64 = 0
    var samples: [Sample] = []

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var locationIDs: [[Int]] = []
        var addressOfID: [Int: UInt64] = [:]
        var section = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("Period:") {
                period = Int64(trimmed.dropFirst(7).trimmingCharacters(in: .whitespaces)) ?? -1
                continue
            }
            if ["Samples:", "Locations", "Mappings"].contains(trimmed) {
                section = trimmed
                continue
            }
            switch section {
            case "Samples:":
                if trimmed.hasPrefix("bytes:[") {
                    samples[samples.count - 1].bytesLabel = Int64(trimmed.dropFirst(7).dropLast())
                } else if let colon = trimmed.firstIndex(of: ":"), trimmed[..<colon].allSatisfy({ $0.isNumber || $0 == " " || $0 == "-" }) {
                    let values = trimmed[..<colon].split(separator: " ").compactMap { Int64($0) }
                    locationIDs.append(trimmed[trimmed.index(after: colon)...].split(separator: " ").compactMap { Int($0) })
                    samples.append(Sample(values: values, addresses: [], bytesLabel: nil))
                }
            case "Locations":
                let parts = trimmed.split(separator: " ")
                if parts.count >= 2, let id = Int(parts[0].dropLast()), parts[1].hasPrefix("0x") {
                    addressOfID[id] = UInt64(parts[1].dropFirst(2), radix: 16)
                }
            default:
                break
            }
        }
        for index in samples.indices {
            samples[index].addresses = locationIDs[index].map { addressOfID[$0] ?? 0 }
        }
    }
}
