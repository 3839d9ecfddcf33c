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
final class PprofTopParityTests: XCTestCase {
    func testEveryReferenceMatchesLineForLine() throws {
        let folder = Fixtures.folder.appendingPathComponent("pprof-top")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 123)
        var cache: [String: Profile] = [:]
        func load(_ relative: String) throws -> Profile {
            if let profile = cache[relative] { return profile }
            let profile = try ProfileReader.load(path: Fixtures.folder.appendingPathComponent(relative).path)
            cache[relative] = profile
            return profile
        }
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
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
            XCTAssertEqual(normalize(ProfileTopText.render(top, exact: true)), normalize(lines.joined(separator: "\n")), name)
        }
    }
}
