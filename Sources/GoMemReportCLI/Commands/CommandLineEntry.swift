import ArgumentParser
import CMalloc
import Capture
import Foundation
import Ingest
import LiveQuery
import MemoryModel
import Publish
import Render

/// Runs the CLI and maps outcomes to exit codes: 0 success, 1 bad input or a failed
/// run (one line on stderr naming the file), 2 bad usage.
public enum CommandLineEntry {
    public static func main(_ arguments: [String]? = nil) -> Never {
        returnLargeBlocksToTheSystem()
        do {
            var command = try GoMemReport.parseAsRoot(arguments)
            try command.run()
            exit(0)
        } catch let error as InputError {
            fail(error.withHint)
        } catch let error as TemplateError {
            fail(error.description)
        } catch let error as AtomicFileWriter.WriteError {
            fail(error.description)
        } catch let error as PrometheusHTTPError {
            fail(error.description)
        } catch let error as RecordFailure {
            fail(error.description)
        } catch let error as RecordingWriteError {
            fail("cannot write \(error.description); the recording stops here")
        } catch {
            let code = GoMemReport.exitCode(for: error)
            let message = GoMemReport.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                exit(0)
            }
            if let exitCode = error as? ExitCode {
                exit(exitCode.rawValue)
            }
            // Usage text is several lines of our own; a message quoting input is one line.
            let shown = code == .validationFailure ? InvisibleCharacters.neutralize(message) : Diagnostics.terminalSafe(message)
            FileHandle.standardError.write(Data((shown + "\n").utf8))
            exit(code == .validationFailure ? 2 : 1)
        }
    }

    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("gomemreport: \(Diagnostics.terminalSafe(message))\n".utf8))
        exit(1)
    }

    /// Every block of 256 KiB or more gets its own mapping, unmapped when freed. glibc
    /// otherwise raises that threshold as large blocks are freed (up to 32 MiB) and
    /// keeps later ones in its arenas after they are freed, so a profile's phases (the
    /// top tables, the stack diff, the call tree), each freeing what it built, still
    /// added up in the peak: a diff of two 1M-sample profiles peaked ~23 MiB higher.
    static func returnLargeBlocksToTheSystem() {
        _ = mallopt(M_MMAP_THRESHOLD, 256 * 1024)
    }
}
