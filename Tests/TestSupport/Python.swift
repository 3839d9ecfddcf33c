import Foundation

/// Runs python3 as the tests' independent second opinion (email parsing, HTML
/// inspection), through `CommandRunner`: output goes through files, so a script that
/// writes much to stderr cannot block on a full pipe while its stdout is read.
public enum Python {
    /// Runs `python3 arguments…` and returns what it printed and its exit status.
    public static func run(_ arguments: [String]) throws -> CommandResult {
        try CommandRunner.run(["python3"] + arguments, program: URL(fileURLWithPath: "/usr/bin/env"))
    }
}
