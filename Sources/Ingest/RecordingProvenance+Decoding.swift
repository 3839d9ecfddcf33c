import Foundation
import MemoryModel

extension RecordingProvenance {
    private struct Header: Decodable {
        var schema: String?
        var source: String?
    }

    /// Reads `recording.json`: its `schema` must be `gomemreport/recording/v1`, its
    /// `source` `record` or `prometheus`. Throws `InputError` naming the file otherwise
    /// (the folder's reader turns that into a warning: readers must not require it),
    /// and for figures the report cannot show (`validate`).
    static func decode(_ bytes: [UInt8], file: String) throws -> RecordingProvenance {
        let data = Data(bytes)
        let expected = RecordingManifest.schemaName
        do {
            let header = try JSONDecoder().decode(Header.self, from: data)
            guard header.schema == expected else {
                throw InputError(file: file, reason: "schema \(header.schema.map { "“\($0)”" } ?? "missing"), expected \(expected)")
            }
            let provenance: RecordingProvenance
            switch header.source {
            case "record": provenance = .recorded(try JSONDecoder().decode(RecordingManifest.self, from: data))
            case "prometheus": provenance = .queried(try JSONDecoder().decode(QueryManifest.self, from: data))
            default: throw InputError(file: file, reason: "source \(header.source.map { "“\($0)”" } ?? "missing"), expected record or prometheus")
            }
            try provenance.validate(file: file)
            return provenance
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(file: file, reason: "not a \(expected) manifest (\(describe(error)))")
        }
    }

    private static func describe(_ error: Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, _): return "no \(key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "not JSON" : "bad \(path)"
        default: return "unreadable"
        }
    }
}
