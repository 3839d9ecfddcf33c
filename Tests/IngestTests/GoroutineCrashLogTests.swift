import Foundation
import Ingest
import MemoryModel
import TestSupport
import XCTest

/// Panic and crash output as goroutine input: real stderr of
/// Tests/Fixtures/generators/panics/main.go under Go 1.19 and 1.27 (make.sh there), and
/// a `runtime.Stack` SIGQUIT transcript from felixge/go-profiler-notes, which pprof
/// cannot read at all.
final class GoroutineCrashLogTests: XCTestCase {
    private static let panics = Fixtures.folder.appendingPathComponent("pprof/panics").path

    private func read(_ name: String) throws -> Profile {
        try ProfileReader.load(path: "\(Self.panics)/\(name)")
    }

    private func records(_ profile: Profile) throws -> [GoroutineRecord] {
        try XCTUnwrap(profile.goroutines)
    }

    private func frames(_ profile: Profile, goroutine index: Int) -> [String] {
        profile.stack(ofSample: index).map { id in
            let line = profile.locations[Int(id)].lines[0]
            let function = profile.functions[Int(line.function)]
            return "\(function.name) \((function.filename as NSString).lastPathComponent):\(line.line)"
        }
    }

    func testPanicMessageIsSkippedAndEveryGoroutineRead() throws {
        // "panic: wrapped: file does not exist", a blank line, then 4 goroutines.
        let profile = try read("panic-all-error-go119.txt")
        XCTAssertEqual((try records(profile)).map(\.id), [1, 6, 7, 8])
        XCTAssertEqual((try records(profile)).map(\.state), ["running", "chan receive", "chan receive", "chan receive"])
        XCTAssertEqual(frames(profile, goroutine: 0), ["main.main main.go:45"])
        XCTAssertEqual(frames(profile, goroutine: 1), ["main.worker main.go:14"])
        XCTAssertEqual((try records(profile))[1].createdBy, "main.main")
        XCTAssertEqual((try records(profile))[1].createdAt, "/tmp/gomemreport-panics/main.go:31")
        // GOTRACEBACK=single (the default): only the panicking goroutine.
        XCTAssertEqual(try records(read("panic-go119.txt")).map(\.id), [1])
    }

    func testGo127ElidedFramesAndCreatorGoroutine() throws {
        // A nil dereference 150 calls deep: Go prints 50 frames, "...52 frames elided...",
        // and the last 50; `created by main.main in goroutine 1`.
        let profile = try read("panic-all-nil-go127.txt")
        XCTAssertEqual((try records(profile)).map(\.id), [1, 18, 19, 20])
        let first = frames(profile, goroutine: 0)
        XCTAssertEqual(first.count, 100)
        XCTAssertEqual(first.first, "main.deep main.go:20")
        XCTAssertEqual(first.last, "main.main main.go:39")
        XCTAssertEqual((try records(profile))[3].createdBy, "main.main")
    }

    func testSystemTracebackHeadersRuntimeStackAndFrameSuffixes() throws {
        // GOTRACEBACK=system on Go 1.27: "fatal error: all goroutines are asleep", a
        // `runtime stack:` of system frames (skipped: no goroutine), then headers with
        // `gp=… m=nil` and file lines ending in ` fp=… sp=… pc=…`.
        let profile = try read("deadlock-system-go127.txt")
        XCTAssertEqual((try records(profile)).count, 8)
        XCTAssertEqual((try records(profile))[0].state, "sync.Mutex.Lock")
        XCTAssertEqual((try records(profile)).map(\.id), [1, 2, 3, 4, 5, 6, 7, 8])
        XCTAssertEqual(Set((try records(profile)).dropFirst().map(\.state)),
                       ["force gc (idle)", "GC sweep wait", "GC scavenge wait", "finalizer wait", "chan receive"])
        XCTAssertEqual(frames(profile, goroutine: 0).first, "runtime.gopark proc.go:474")
        XCTAssertTrue(frames(profile, goroutine: 0).contains("main.main main.go:43"))
    }

    func testCrashTracebackAndWindowsLogWithoutLastLineBreak() throws {
        XCTAssertEqual(try records(read("crash-nil-go119.txt")).count, 8)
        // CRLF line endings, C:/ paths, and no line break after the last line.
        let windows = try read("panic-windows-crlf-go119.txt")
        XCTAssertEqual((try records(windows)).map(\.id), [1, 6, 7, 8])
        XCTAssertEqual(windows.functions[Int(windows.locations[Int(windows.stack(ofSample: 0)[0])].lines[0].function)].filename,
                       "C:/Users/dev/svc/main.go")
        XCTAssertEqual((try records(windows))[3].createdAt, "C:/Users/dev/svc/main.go:31")
    }

    func testRuntimeStackTranscriptWithRegistersAndExitStatus() throws {
        // "$ go run …", program output, and the dump starting mid-line
        // ("…dumping all stacksgoroutine 1 [running]:"), then a SIGQUIT dump whose
        // registers (rax 0x…) and the shell's "exit status 2" end it: 11 goroutines.
        let path = Fixtures.folder.appendingPathComponent(
            "real-profiles/felixge-go-profiler-notes/examples__runtime-stack__runtime-stack.txt").path
        let profile = try ProfileReader.load(path: path)
        XCTAssertEqual((try records(profile)).count, 11)
        XCTAssertEqual((try records(profile))[0].id, 1)
        XCTAssertEqual((try records(profile))[0].state, "running")
        XCTAssertEqual((try records(profile))[1].state, "sleep")
        XCTAssertEqual((try records(profile))[1].waitMinutes, 1)
    }

    func testTextWithNoGoroutineIsStillRefused() throws {
        let log = Array("panic: boom\n\nno dump here\n".utf8)
        XCTAssertThrowsError(try ProfileReader.read(log, file: "log.txt")) { error in
            XCTAssertEqual("\(error)", "log.txt: line 1: not a Go heap or goroutine profile in text form: expected “heap profile: …”, “goroutine profile: total N” or “goroutine N [state]:”, found “panic: boom”")
        }
        // A dump that the program cut before the first goroutine's frames.
        let cut = Array("fatal error: x\n\ngoroutine 1 [running]:\n".utf8)
        XCTAssertThrowsError(try ProfileReader.read(cut, file: "cut.txt")) { error in
            XCTAssertTrue("\(error)".hasPrefix("cut.txt: line 3: the dump ends after goroutine 1's header"), "\(error)")
        }
    }
}
