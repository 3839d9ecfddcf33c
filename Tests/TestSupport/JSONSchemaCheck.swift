import Foundation

/// Validates JSON files against the project's schemas with Python's jsonschema (Draft
/// 2020-12), the independent checker `scripts/check-goldens` installs.
public enum JSONSchemaCheck {
    /// Nil when `file` matches `schemas/<schema>`; else what the checker said.
    public static func problems(in file: URL, schema: String) throws -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.validate(json.load(open(sys.argv[2])), schema, cls=jsonschema.Draft202012Validator)
            """, Fixtures.root.appendingPathComponent("schemas/\(schema)").path, file.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : message
    }
}
