import Analysis
import Foundation
import Ingest
import MemoryModel
import Render
import TestSupport
import XCTest

/// `gomemreport top` against `go tool pprof -top` on the real profiles: the saved
/// outputs in Tests/Fixtures/pprof-top (scripts/make-pprof-top-references) must be
/// reproduced line for line — values, order, percentages, dropped and shown counts.
/// Tests/Fixtures/real-profiles-top (scripts/make-real-profile-references) does the same
/// for profiles other people's programs wrote (Tests/Fixtures/real-profiles); there a
/// `NAME.total.txt` is a text form pprof cannot symbolize, compared by its total only.
final class PprofTopParityTests: XCTestCase {
    func testEveryReferenceMatchesLineForLine() throws {
        try compareEveryReference(in: "pprof-top", atLeast: 126)
    }

    /// 52 files from google/pprof, felixge/go-profiler-notes, parca-dev/parca,
    /// grafana/pyroscope and DataDog/dd-trace-go (real-profiles/SOURCES.tsv).
    func testRealProfileCorpusMatchesLineForLine() throws {
        try compareEveryReference(in: "real-profiles-top", atLeast: 193)
    }

    private func compareEveryReference(in subfolder: String, atLeast minimum: Int) throws {
        let folder = Fixtures.folder.appendingPathComponent(subfolder)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, minimum)
        var cache: [String: Profile] = [:]
        func load(_ relative: String) throws -> Profile {
            if let profile = cache[relative] { return profile }
            let profile = try ProfileReader.load(path: Fixtures.folder.appendingPathComponent(relative).path)
            cache[relative] = profile
            return profile
        }
        for name in names {
            // pprof copies a profile's strings out byte for byte, invalid UTF-8 too
            // (pyroscope's invalid_utf8.pb.gz); both sides decode it to U+FFFD.
            let text = String(decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let command = lines.removeFirst().split(separator: " ").map(String.init)
            var sampleName: String?, base: String?, nodeCount = 0, granularity = ProfileTop.Granularity.functions
            var normalizeBase = false
            for argument in command.dropFirst(4).dropLast() {
                if argument.hasPrefix("-sample_index=") { sampleName = String(argument.dropFirst("-sample_index=".count)) }
                if argument.hasPrefix("-diff_base=") { base = String(argument.dropFirst("-diff_base=".count)) }
                if argument.hasPrefix("-nodecount=") { nodeCount = Int(argument.dropFirst("-nodecount=".count))! }
                if argument == "-lines" { granularity = .lines }
                if argument == "-normalize" { normalizeBase = true }
            }
            var current = try load(command.last!)
            let index = try XCTUnwrap(current.sampleTypeIndex(sampleName), name)
            if normalizeBase, let base { current = current.normalized(toMatch: try load(base)) }
            var inputs = [ProfileTop.Input(profile: current, sampleIndex: index)]
            if let base { inputs.append(.init(profile: try load(base), sampleIndex: index, sign: -1)) }
            let top = ProfileTop.compute(inputs: inputs, granularity: granularity, nodeCount: nodeCount, nodeFraction: 0.005)
            // pprof's -unit=B (-unit=ns) also suffixes counts with B, which shifts its padding; ours
            // does not. Compare with the suffix removed and runs of spaces folded.
            func normalize(_ text: String) -> String {
                text.replacingOccurrences(of: #"(\d)(B|ns)\b"#, with: "$1", options: .regularExpression)
                    .replacingOccurrences(of: " +", with: " ", options: .regularExpression)
                    .replacingOccurrences(of: "(?m)^ ", with: "", options: .regularExpression)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let ours = normalize(Self.unescaped(ProfileTopText.render(top, exact: true))), theirs = normalize(lines.joined(separator: "\n"))
            if name.hasSuffix(".total.txt") {
                func total(_ text: String) -> String? {
                    text.range(of: #"of -?[0-9.]+[a-zA-Z]* total"#, options: .regularExpression).map { String(text[$0]) }
                }
                XCTAssertEqual(total(ours), total(theirs), name)
                XCTAssertNotNil(total(theirs), name)
            } else {
                XCTAssertEqual(ours, theirs, name)
            }
        }
    }

    /// `top` output with its `\uXXXX` (InvisibleCharacters, and line feeds in names)
    /// written back as the characters, which pprof prints raw (pyroscope's
    /// invalid_utf8.pb.gz names a function with every byte from 0 to 255).
    private static func unescaped(_ text: String) -> String {
        var out = "", rest = Substring(text)
        while let range = rest.range(of: #"\\u[0-9A-F]{4}"#, options: .regularExpression) {
            out += rest[..<range.lowerBound]
            let code = UInt32(rest[range].dropFirst(2), radix: 16)!
            out.unicodeScalars.append(Unicode.Scalar(code)!)
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}
