import Foundation

/// Progress and warnings: always stderr, so stdout and the report stay clean.
enum Diagnostics {
    static func note(_ message: String) {
        FileHandle.standardError.write(Data("gomemreport: \(message)\n".utf8))
    }
}
