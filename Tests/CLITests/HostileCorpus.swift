import Foundation
import TestSupport
import XCTest

/// Runs one input of `Tests/Fixtures/hostile` through the real executable the way its
/// format is read, and checks the bad-input contract against the row of the corpus's
/// README.md that names it: exit code 1 (no signal), exactly the expected line on
/// stderr, nothing on stdout, nothing in the output folder, peak memory under
/// `memoryCap`.
enum HostileCorpus {
    static let folder = Fixtures.folder.appendingPathComponent("hostile")
    /// The cap the README states: every input of the corpus stays under it.
    static let memoryCap = 512 << 20
    /// The stamp snapshot copies are named by.
    static let stamp = "20261128T073242614Z"

    /// README.md's rows: input name → expected stderr line, `FILE` for the input's path.
    static let expectedLines: [String: String] = {
        let text = (try? String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
        var rows: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.components(separatedBy: " | ")
            guard cells.count >= 3, let name = cells[0].split(separator: "`").dropFirst().first,
                  let last = cells.last, last.hasPrefix("`"), last.hasSuffix("` |") else { continue }
            rows[String(name)] = String(last.dropFirst().dropLast(3))
        }
        return rows
    }()

    /// The committed inputs: every file under the corpus folder but README.md and the script.
    static var committedNames: [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        var names: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory)
            if !isDirectory.boolValue && path.contains("/") { names.append(path) }
        }
        return names.sorted()
    }

    /// The test method that runs `name`: `proto/bomb-10GiB.pb.gz` → `testProtoBomb10GiBPbGz`.
    static func methodName(_ name: String) -> String {
        "test" + name.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    static func check(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        guard let expected = expectedLines[name] else {
            return XCTFail("\(name) has no row in Tests/Fixtures/hostile/README.md", file: file, line: line)
        }
        let scratch = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let output = scratch.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        var input = folder.appendingPathComponent(name)
        if HostileInputs.names.contains(name) {
            let generated = scratch.appendingPathComponent("generated")
            try FileManager.default.createDirectory(at: generated, withIntermediateDirectories: true)
            input = generated.appendingPathComponent((name as NSString).lastPathComponent)
            try HostileInputs.write(name, to: input)
        }
        let (arguments, shown) = try invocation(name, input: input, scratch: scratch, output: output)

        let result = try MeasuredCommand.run(arguments)
        let context = "\(name): \(arguments.joined(separator: " "))"
        XCTAssertFalse(result.timedOut, "\(context): still running after 60 s", file: file, line: line)
        XCTAssertNil(result.signal, "\(context): ended by signal \(result.signal ?? 0): \(result.stderr.prefix(3000))", file: file, line: line)
        XCTAssertEqual(result.status, 1, "\(context): exit status", file: file, line: line)
        XCTAssertEqual(result.stderr, expected.replacingOccurrences(of: "FILE", with: shown) + "\n", "\(context): stderr", file: file, line: line)
        XCTAssertEqual(result.stdout, "", "\(context): stdout", file: file, line: line)
        let left = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
        XCTAssertEqual(left, [], "\(context): files left in the output folder", file: file, line: line)
        XCTAssertLessThan(result.peakMemoryBytes, memoryCap,
                          "\(context): peak memory \(result.peakMemoryBytes >> 20) MiB", file: file, line: line)
    }

    /// The command line for `name`'s format, and the path its error names.
    private static func invocation(_ name: String, input: URL, scratch: URL, output: URL) throws -> ([String], String) {
        let format = String(name.prefix { $0 != "/" })
        let fileManager = FileManager.default
        let report = output.appendingPathComponent("report.html").path
        func copy(into folder: String, as fileName: String) throws -> String {
            let directory = scratch.appendingPathComponent(folder)
            try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
            let target = directory.appendingPathComponent(fileName)
            try fileManager.copyItem(at: input, to: target)
            return target.path
        }
        /// Two good scrapes of heapleak: memory data for /proc and cgroup files to join.
        func goodScrapes() throws -> String {
            let metrics = scratch.appendingPathComponent("metrics")
            try fileManager.createDirectory(at: metrics, withIntermediateDirectories: true)
            for stamp in [stamp, "20261128T073247615Z"] {
                try fileManager.copyItem(atPath: Fixtures.recording("heapleak") + "/metrics/\(stamp).prom",
                                         toPath: metrics.appendingPathComponent("\(stamp).prom").path)
            }
            return metrics.path
        }
        let fileExtension = (name as NSString).pathExtension
        switch format {
        case "query-range":
            return (["report", input.path, "-o", report], input.path)
        case "scrapes":
            let copied = try copy(into: "metrics", as: "\(stamp).prom")
            return (["report", "--scrapes", scratch.appendingPathComponent("metrics").path, "--strict", "-o", report], copied)
        case "expvar":
            let copied = try copy(into: "expvar", as: "\(stamp).json")
            return (["report", "--expvar", scratch.appendingPathComponent("expvar").path, "--strict", "-o", report], copied)
        case "proc", "cgroup":
            let metrics = try goodScrapes()
            let copied = try copy(into: format, as: "\(stamp).\(fileExtension)")
            return (["report", "--scrapes", metrics, "--\(format)", scratch.appendingPathComponent(format).path, "--strict", "-o", report], copied)
        case "manifest":
            let recording = scratch.appendingPathComponent("recording")
            try fileManager.createDirectory(at: recording.appendingPathComponent("prometheus"), withIntermediateDirectories: true)
            try fileManager.copyItem(atPath: Fixtures.queryRange("heapleak"),
                                     toPath: recording.appendingPathComponent("prometheus/query_range.json").path)
            let copied = try copy(into: "recording", as: "recording.json")
            return (["report", recording.path, "--strict", "-o", report], copied)
        case "notes":
            return (["report", Fixtures.queryRange("heapleak"), "--notes", input.path, "-o", report], input.path)
        default:
            return (["profile", input.path, "-o", output.appendingPathComponent("page.html").path], input.path)
        }
    }
}
