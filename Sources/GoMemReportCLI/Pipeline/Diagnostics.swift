import Foundation

import Render

/// Progress and warnings: always stderr, so stdout and the report stay clean.
///
/// Messages quote file names and text from the input; bidi and control characters in
/// them (an escape sequence that would act on the terminal, a right-to-left override)
/// are written out as `\u001B`, `\u202E` (`InvisibleCharacters`), and line breaks
/// within a message as `\u000A`, so each message stays one line.
enum Diagnostics {
    static func note(_ message: String) {
        FileHandle.standardError.write(Data("gomemreport: \(terminalSafe(message))\n".utf8))
    }

    /// `text` with nothing in it that a terminal acts on, on one line.
    static func terminalSafe(_ text: String) -> String {
        InvisibleCharacters.neutralize(text).replacingOccurrences(of: "\n", with: "\\u000A")
            .replacingOccurrences(of: "\t", with: " ")
    }
}
