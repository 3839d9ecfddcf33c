import Foundation
import Ingest
import MemoryModel
import TestSupport
import XCTest

/// Bad input to the legacy text readers: one `InputError` naming the file and the
/// line, with a one-line reason; never a trap.
final class LegacyProfileTextBadInputTests: XCTestCase {
    private let heapHeader = "heap profile: 1: 1024 [2: 2048] @ heap/1048576\n"

    // MARK: Any form

    func testEmptyFile() {
        assertInputError("", line: 1, contains: "the file is empty")
        assertInputError("\n  \n\t\n", line: 1, contains: "the file is empty")
    }

    func testBinaryGarbage() {
        var garbage: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0xFF, 0x00, 0x0A, 0x80]
        var state: UInt32 = 7
        for _ in 0..<4000 {
            state = state &* 1_103_515_245 &+ 12345
            garbage.append(UInt8(truncatingIfNeeded: state >> 16))
        }
        assertInputError(garbage, line: 1, contains: "not a Go heap or goroutine profile in text form")
        // A gzipped proto profile, the usual mix-up.
        let proto = Fixtures.bytes(Fixtures.recording("heapleak") + "/pprof/heap-20261128T073737664Z.pb.gz")
        assertInputError(proto, line: 1, contains: "not a Go heap or goroutine profile in text form")
    }

    func testUnknownFirstLine() {
        assertInputError("threadz 1\ncycles/second=1000\n", line: 1, contains: "found “threadz 1”")
        assertInputError("\n\nhello world\n", line: 3, contains: "found “hello world”")
    }

    func testFileCutInTheMiddleOfALine() throws {
        let heap = Fixtures.bytes(Fixtures.recording("heapleak") + "/pprof/heap-20261128T073737664Z.debug1.txt")
        let cut = Array(heap.prefix(5000))
        let lines = cut.filter { $0 == 0x0A }.count + 1
        assertInputError(cut, line: lines, contains: "the last line has no line break; the file looks truncated")

        let dump = Fixtures.bytes(Fixtures.recording("goroutineleak") + "/pprof/goroutine-20261128T073737712Z.debug2.txt")
        let dumpCut = Array(dump.prefix(100_000))
        assertInputError(dumpCut, line: dumpCut.filter { $0 == 0x0A }.count + 1, contains: "looks truncated")
    }

    func testEveryCutOfARealHeapProfileIsReadOrRejectedCleanly() {
        let heap = Fixtures.bytes(Fixtures.recording("heapleak") + "/pprof/heap-20261128T073737664Z.debug1.txt")
        var state: UInt32 = 1
        for _ in 0..<300 {
            state = state &* 1_103_515_245 &+ 12345
            let length = Int(state >> 8) % heap.count
            assertReadsOrRejects(Array(heap.prefix(length)), name: "heap cut at \(length)")
        }
    }

    func testCorruptedRealFilesAreReadOrRejectedCleanly() {
        let files = [
            Fixtures.recording("heapleak") + "/pprof/heap-20261128T073737664Z.debug1.txt",
            Fixtures.recording("heapleak") + "/pprof/goroutine-20261128T073737664Z.debug2.txt",
            Fixtures.folder.appendingPathComponent("pprof/goroutine-debug1.txt").path,
        ]
        var state: UInt32 = 3
        let replacements: [UInt8] = Array("0123456789abcdefx@#:[] \t\n(),+-.9".utf8) + [0, 0xFF]
        for file in files {
            let original = Fixtures.bytes(file)
            for round in 0..<150 {
                var bytes = original
                for _ in 0..<(1 + round % 4) {
                    state = state &* 1_103_515_245 &+ 12345
                    let offset = Int(state >> 8) % bytes.count
                    state = state &* 1_103_515_245 &+ 12345
                    bytes[offset] = replacements[Int(state >> 16) % replacements.count]
                }
                assertReadsOrRejects(bytes, name: "\(file) round \(round)")
            }
        }
    }

    // MARK: heap debug=1

    func testMalformedHeapHeader() {
        assertInputError("heap profile: 1: 1024 2: 2048] @ heap/1048576\n", line: 1, contains: "expected “[” before the allocated objects")
        assertInputError("heap profile: x\n", line: 1, contains: "expected the header's in-use objects")
        assertInputError("heap profile: 1: 1 [1: 1] @ growthz\n", line: 1, contains: "“growthz” heap profiles are not supported")
        assertInputError("heap profile: 1: 1 [1: 1] @ heap/1048576 extra\n", line: 1, contains: "unexpected text after the sampling rate")
    }

    func testMalformedHeapRecord() {
        assertInputError(heapHeader + "1: 1024 [2: 2048] @ 0x1001\n#\t0x1000\tmain.f+0x1\t/a.go:1\n\n1: 1024 [2 2048] @ 0x1\n",
                         line: 5, contains: "expected “:” after the allocated objects")
        assertInputError(heapHeader + "1: 1024 [2: 2048] @ 0x1001 zz\n", line: 2, contains: "expected a hexadecimal address")
        assertInputError(heapHeader + "1: 1024 [2: 2048] @ 0x10010x1\n", line: 2, contains: "expected a space between addresses")
        assertInputError(heapHeader + "main.f\n", line: 2, contains: "expected a record “N: N [N: N] @ 0x…”")
        assertInputError(heapHeader + "0: 1024 [2: 2048] @ 0x1\n", line: 2, contains: "the in-use count is 0 but its bytes are 1024")
    }

    func testHeapFrameLineWithoutRecord() {
        assertInputError(heapHeader + "#\t0x1000\tmain.f+0x1\t/a.go:1\n", line: 2, contains: "a frame line that follows no record line")
        // A blank line ends the record; a frame after it has none.
        assertInputError(heapHeader + "1: 1024 [2: 2048] @ 0x1001\n\n#\t0x1000\tmain.f+0x1\t/a.go:1\n",
                         line: 4, contains: "a frame line that follows no record line")
    }

    func testHeapFrameLineThatDoesNotFitItsRecord() {
        assertInputError(heapHeader + "1: 1024 [2: 2048] @ 0x1001\n#\t0x2000\tmain.f+0x1\t/a.go:1\n",
                         line: 3, contains: "the frame at 0x2000 is not one of its record's addresses")
        assertInputError(heapHeader + "1: 1024 [2: 2048] @ 0x1001\n#\t0x1000\tmain.f+0x1\n",
                         line: 3, contains: "no “file:line” after a tab")
        assertInputError(heapHeader + "1: 1024 [2: 2048] @ 0x1001\n#\t0x1000\tmain.f+0x1\t/a.go\n",
                         line: 3, contains: "expected “file:line” at the end of the frame")
    }

    func testOtherTextProfilesAreNamed() {
        // /debug/pprof/mutex?debug=1 and block?debug=1; gperftools' contentionz (google/pprof's cppbench.contention).
        assertInputError("--- mutex:\ncycles/second=2400008838\nsampling period=1\n",
                         line: 1, contains: "a Go mutex or block profile in text form (debug=1), which gomemreport does not read")
        assertInputError("--- contention:\ncycles/second=2400008838\n", line: 1, contains: "fetch it without ?debug=1")
        assertInputError("--- contentionz 1 ---\ncycles/second = 3201000000\n", line: 1,
                         contains: "a legacy C++ or Java profile (“--- contentionz 1 ---”); gomemreport reads Go profiles")
    }

    func testHeapCutAtALineBreak() {
        // The header's totals are the sums of the records Go wrote after it (debug=1: `#`
        // frame lines, and the MemStats trailer, which a cut file has lost).
        assertInputError("heap profile: 3: 3072 [4: 4096] @ heap/1048576\n1: 1024 [2: 2048] @ 0x1001\n#\t0x1000\tmain.f+0x1\t/a.go:1\n",
                         line: 3, contains: "the records add up to 1: 1024 [2: 2048] but the header says 3: 3072 [4: 4096]")
        let heap = String(decoding: Fixtures.bytes(Fixtures.recording("heapleak") + "/pprof/heap-20261128T073737664Z.debug1.txt"),
                          as: UTF8.self)
        let withoutEnd = heap.components(separatedBy: "\n").prefix(30).joined(separator: "\n") + "\n"
        assertInputError(withoutEnd, line: 30, contains: "the file looks truncated")
        let trailerCut = heap.components(separatedBy: "# NumGC")[0]
        assertInputError(trailerCut, line: trailerCut.filter { $0 == "\n" }.count,
                         contains: "the runtime.MemStats trailer ends before DebugGC")
    }

    func testMalformedMemStatsTrailer() {
        let record = "1: 1024 [2: 2048] @ 0x1001\n\n# runtime.MemStats\n"
        assertInputError(heapHeader + record + "# Alloc = lots\n", line: 5, contains: "expected Alloc (a decimal number)")
        assertInputError(heapHeader + record + "Alloc = 1\n", line: 5, contains: "expected “# Name = value”")
        assertInputError(heapHeader + record + "# Stack = 1 / \n", line: 5, contains: "expected Stack (a decimal number)")
        assertInputError(heapHeader + record + "# Alloc = 1 / 2\n", line: 5, contains: "unexpected text after Alloc's value")
        // MemStats fields are uint64; beyond Int64 is rejected rather than wrapped.
        assertInputError(heapHeader + record + "# NextGC = 18446744073709551615\n", line: 5, contains: "NextGC is too large: 18446744073709551615")
    }

    func testAbsurdHeapNumbers() {
        assertInputError("heap profile: 99999999999999999999: 1 [1: 1] @ heap/1048576\n", line: 1,
                         contains: "the header's in-use objects is too large: 99999999999999999999")
        assertInputError(heapHeader + "1: 1024 [2: 2048] @ 0x10000000000000000\n", line: 2,
                         contains: "does not fit in 64 bits")
        // One-byte objects at a 512 KiB rate scale by 524288: past Int64.
        let huge = "9000000000000000000"
        assertInputError("heap profile: \(huge): \(huge) [\(huge): \(huge)] @ heap/1048576\n\(huge): \(huge) [\(huge): \(huge)] @ 0x1\n",
                         line: 2, contains: "do not fit in 64 bits once unsampled")
        // Int64.min / −1 would trap in the average size.
        assertInputError("heap profile: 0: 0 [0: 0] @ heap/1048576\n-1: -9223372036854775808 [0: 0] @ 0x1\n",
                         line: 2, contains: "are out of range")
        assertInputError(heapHeader + "1: 1024 [2: 2048] @ 0x1001\n#\t0x1000\tmain.f+0x1\t/a.go:99999999999999999999\n",
                         line: 3, contains: "the frame's line number is too large")
        assertInputError("heap profile: 0: 0 [0: 0] @ heapprofile\n9223372036854775807: 1 [0: 0] @ 0x1\n1: 1 [0: 0] @ 0x1\n",
                         line: 3, contains: "the records' totals do not fit in 64 bits")
    }

    // MARK: goroutine debug=1

    func testMalformedCountProfile() {
        assertInputError("goroutine profile: total many\n", line: 1, contains: "expected the profile's total")
        assertInputError("goroutine profile: total 1\n1 0x1\n", line: 2, contains: "expected “@” before the record's addresses")
        assertInputError("goroutine profile: total 1\n#\t0x1000\tmain.f+0x1\t/a.go:1\n", line: 2,
                         contains: "a frame line that follows no record line")
        assertInputError("goroutine profile: total 1\n# labels: {\"a\":\"b\"}\n", line: 2,
                         contains: "a labels line that follows no record line")
        assertInputError("goroutine profile: total 1\n1 @ 0x1\n# labels: {\"a\":\"b\\q\"}\n", line: 3,
                         contains: "unknown escape “\\q” in a label string")
        assertInputError("goroutine profile: total 1\n1 @ 0x1\n# labels: {\"a\":\"b\n", line: 3,
                         contains: "a label string is not closed")
        assertInputError("goroutine profile: total 99999999999999999999\n", line: 1, contains: "the profile's total is too large")
    }

    func testCountProfileCutAtALineBreak() throws {
        let text = String(decoding: Fixtures.bytes(Fixtures.folder.appendingPathComponent("pprof/goroutine-debug1.txt").path),
                          as: UTF8.self)
        let cut = text.components(separatedBy: "\n").prefix(12).joined(separator: "\n") + "\n"
        assertInputError(cut, line: 12, contains: "the records count 14 but the header says total 19; the file looks truncated")
    }

    // MARK: goroutine debug=2

    func testMalformedDump() {
        assertInputError("goroutine x [running]:\n", line: 1, contains: "not a Go heap or goroutine profile")
        assertInputError("goroutine 1 [running]\nmain.main()\n\t/a.go:1\n", line: 1, contains: "expected the goroutine header to end with “]:”")
        assertInputError("goroutine 1 [running]:\nmain.main\n\t/a.go:1\n", line: 2, contains: "expected a function call line")
        assertInputError("goroutine 1 [running]:\nmain.main()\nmain.f()\n", line: 3,
                         contains: "expected the tab-indented “file:line” of the function on the line before")
        assertInputError("goroutine 1 [running]:\n\t/a.go:1\n", line: 2, contains: "a “file:line” line that follows no function line")
        assertInputError("goroutine 1 [running]:\nmain.main()\n\t/a.go\n", line: 3, contains: "expected “file:line”")
        assertInputError("goroutine 1 [running]:\nmain.main()\n\t/a.go:1\ncreated by main.g\nmain.h()\n", line: 5,
                         contains: "expected the tab-indented “file:line” of “created by”")
        assertInputError("goroutine 1 [running]:\nmain.main()\n\t/a.go:1\n\nmain.f()\n\t/a.go:1\n", line: 5,
                         contains: "expected a goroutine header")
        assertInputError("goroutine 1 []:\nmain.main()\n\t/a.go:1\n", line: 1, contains: "the goroutine header has no state")
    }

    func testAbsurdDumpNumbers() {
        assertInputError("goroutine 99999999999999999999 [running]:\nmain.main()\n\t/a.go:1\n", line: 1,
                         contains: "the goroutine id is too large")
        assertInputError("goroutine 1 [sleep, 99999999999999999999 minutes]:\nmain.main()\n\t/a.go:1\n", line: 1,
                         contains: "the minutes waited is too large")
        assertInputError("goroutine 1 [running]:\nmain.main()\n\t/a.go:99999999999999999999 +0x1\n", line: 3,
                         contains: "the line number is too large")
    }

    func testDumpCutAtALineBreak() {
        assertInputError("goroutine 1 [running]:\nmain.main()\n\t/a.go:1\n\ngoroutine 2 [select]:\n", line: 5,
                         contains: "the dump ends after goroutine 2's header, before its frames; it looks truncated")
        assertInputError("goroutine 1 [running]:\nmain.main()\n", line: 2, contains: "the dump ends before this line's “file:line”")
        assertInputError("goroutine 1 [running]:\nmain.main()\n\t/a.go:1\ncreated by main.g\n", line: 4,
                         contains: "the dump ends before this line's “file:line”")
    }

    // MARK: Helpers

    private func assertInputError(_ text: String, line: Int, contains reason: String, file: StaticString = #filePath,
                                  sourceLine: UInt = #line) {
        assertInputError(Array(text.utf8), line: line, contains: reason, file: file, sourceLine: sourceLine)
    }

    private func assertInputError(_ bytes: [UInt8], line: Int, contains reason: String, file: StaticString = #filePath,
                                  sourceLine: UInt = #line) {
        XCTAssertThrowsError(try LegacyProfileText.read(bytes, file: "bad.txt"), file: file, line: sourceLine) { error in
            guard let error = error as? InputError else {
                return XCTFail("not an InputError: \(error)", file: file, line: sourceLine)
            }
            XCTAssertEqual(error.file, "bad.txt", file: file, line: sourceLine)
            XCTAssertEqual(error.location, "line \(line)", error.reason, file: file, line: sourceLine)
            XCTAssertTrue(error.reason.contains(reason), "“\(error.reason)” lacks “\(reason)”", file: file, line: sourceLine)
            XCTAssertFalse(error.description.contains("\n"), error.description, file: file, line: sourceLine)
        }
    }

    /// The reader either succeeds with a profile that keeps the model's contract, or
    /// throws an `InputError` at a line; it never traps.
    private func assertReadsOrRejects(_ bytes: [UInt8], name: String) {
        do {
            let profile = try LegacyProfileText.read(bytes, file: "fuzz.txt")
            XCTAssertEqual(profile.stackStarts.count, profile.sampleCount + 1, name)
            XCTAssertEqual(profile.values.count, profile.sampleCount * profile.sampleTypes.count, name)
            XCTAssertTrue(profile.stackLocations.allSatisfy { $0 >= 0 && Int($0) < profile.locations.count }, name)
            if let goroutines = profile.goroutines { XCTAssertEqual(goroutines.count, profile.sampleCount, name) }
        } catch let error as InputError {
            XCTAssertEqual(error.file, "fuzz.txt", name)
            XCTAssertTrue(error.location?.hasPrefix("line ") == true, "\(name): \(error)")
            XCTAssertFalse(error.description.contains("\n"), name)
        } catch {
            XCTFail("\(name): not an InputError: \(error)")
        }
    }
}
