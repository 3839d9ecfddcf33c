import Foundation

/// What a recording folder holds, for assertions.
struct RecordingFiles {
    let folder: URL

    func names(_ sub: String, suffix: String) -> [String] {
        let all = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(sub).path)) ?? []
        return all.filter { $0.hasSuffix(suffix) }.sorted()
    }

    /// Every name anywhere in the folder, hidden ones included.
    var allNames: [String] {
        (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).sorted()
    }

    /// The stamps of `names` as Unix seconds.
    static func times(_ names: [String]) -> [Double] {
        names.compactMap { name -> Double? in
            let stamp = String(name.prefix(19))
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyyMMdd'T'HHmmssSSS'Z'"
            return formatter.date(from: stamp)?.timeIntervalSince1970
        }
    }

    var manifest: [String: Any] {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("recording.json").path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }

    func endpoint(_ name: String) -> [String: Any] {
        ((manifest["endpoints"] as? [[String: Any]]) ?? []).first { $0["endpoint"] as? String == name } ?? [:]
    }

    /// The count of failures of `kind` at `endpoint`.
    func failures(_ endpointName: String, kind: String) -> Int {
        let errors = (endpoint(endpointName)["errors"] as? [[String: Any]]) ?? []
        return errors.first { $0["kind"] as? String == kind }?["count"] as? Int ?? 0
    }
}
