import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `gomemreport record …` running in the background, so a test can signal it or kill
/// its target while it records. Output goes to files; `wait` is bounded.
final class RecorderProcess {
    let process = Process()
    private let scratch = Fixtures.temporaryFolder()
    let started = Date()

    init(_ arguments: [String]) throws {
        process.executableURL = CommandRunner.executable
        process.arguments = ["record"] + arguments
        let out = scratch.appendingPathComponent("stdout"), err = scratch.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: scratch)
    }

    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// Waits at most `seconds`; kills the recorder and returns nil if it has not ended.
    func wait(atMost seconds: Double) -> (status: Int32, stderr: String, elapsed: Double)? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        process.waitUntilExit()
        let stderr = (try? String(contentsOf: scratch.appendingPathComponent("stderr"), encoding: .utf8)) ?? ""
        return (process.terminationStatus, stderr, Date().timeIntervalSince(started))
    }
}
