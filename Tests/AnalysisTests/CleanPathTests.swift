@testable import Analysis
import XCTest

/// pprof cleans file names with Go's filepath.Clean; ours must agree.
final class CleanPathTests: XCTestCase {
    func testMatchesGoFilepathClean() {
        // Expected values are Go 1.19's filepath.Clean of each input.
        let cases: [(String, String)] = [
            ("/usr/lib/go-1.19/src/runtime/proc.go", "/usr/lib/go-1.19/src/runtime/proc.go"),
            ("/a//b", "/a/b"), ("/a/./b", "/a/b"), ("/a/../b", "/b"), ("a/b/", "a/b"), ("/", "/"),
            ("./x.go", "x.go"), ("../x.go", "../x.go"), ("a/..", "."), ("/..", "/"), ("/a/b/..", "/a"),
            ("main.go", "main.go"), ("/a/.hidden/b", "/a/.hidden/b"), ("/a/...", "/a/..."), ("/a/b.", "/a/b."),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(ProfileTop.NodeTable.cleanPath(input), expected, input)
        }
    }
}
