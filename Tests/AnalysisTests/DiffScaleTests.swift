import Analysis
import MemoryModel
import XCTest

/// The diff paths that large profiles take: stack rows picked from integer keys, and
/// inline labels from edges split among the cores by callee (profiles past 400,000
/// frames). Each is checked against a plain reading of its contract, computed here.
final class DiffScaleTests: XCTestCase {
    /// A profile of `samples` stacks over `functions` functions, deterministic: stacks of
    /// 8–23 frames; every third location has an inlined line on top (two functions).
    private func profile(samples: Int, functions: Int, seed: UInt64) -> Profile {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let functionList = (0..<functions).map { ProfileFunction(id: UInt64($0 + 1), name: "pkg.f\($0)") }
        let locations = (0..<functions).map { i -> ProfileLocation in
            var lines = [ProfileLocation.Line(function: Int32(i), line: Int64(10 + i))]
            if i % 3 == 0 { lines.insert(.init(function: Int32((i * 7 + 1) % functions), line: 3), at: 0) }
            return ProfileLocation(id: UInt64(i + 1), lines: lines)
        }
        var starts: [Int32] = [0], stack: [Int32] = [], values: [Int64] = []
        for _ in 0..<samples {
            let depth = 8 + next(16)
            var f = next(8)
            for _ in 0..<depth {
                stack.append(Int32(f))
                f = next(10) < 7 ? (f * 5 + 1) % (functions / 4) : next(functions)
            }
            starts.append(Int32(stack.count))
            // Few distinct sizes, so many stacks tie on their delta.
            values.append(Int64(1 + next(3)) * 1024)
        }
        return Profile(sampleTypes: [ValueType(type: "inuse_space", unit: "bytes")], functions: functionList,
                       locations: locations, stackStarts: starts, stackLocations: PackedIntegers(stack), values: PackedIntegers(values))
    }

    /// The functions of each sample's stack, leaf first, as StackDiff names them.
    private func stacks(_ p: Profile) -> [(names: [String], value: Int64)] {
        (0..<p.sampleCount).map { s in
            (p.stack(ofSample: s).flatMap { p.locations[Int($0)].lines.map { p.functions[Int($0.function)].name } }, p.values[s])
        }
    }

    func testStackRowsAreTheLargestChangesWithTiesByStackText() {
        let base = profile(samples: 3_000, functions: 60, seed: 1), current = profile(samples: 3_000, functions: 60, seed: 2)
        let diff = StackDiff(current: current, base: base, sampleIndex: 0, baseSampleIndex: 0)
        var totals: [[String]: (base: Int64, current: Int64)] = [:]
        for s in stacks(base) { totals[s.names, default: (0, 0)].base += s.value }
        for s in stacks(current) { totals[s.names, default: (0, 0)].current += s.value }
        typealias Row = (functions: [String], base: Int64, current: Int64, delta: Int64)
        let expected: [Row] = totals.filter { $0.value.base != $0.value.current }.map {
            ($0.key, $0.value.base, $0.value.current, $0.value.current - $0.value.base)
        }.sorted { a, b in
            if a.delta.magnitude != b.delta.magnitude { return a.delta.magnitude > b.delta.magnitude }
            if a.delta != b.delta { return a.delta > b.delta }
            return Array(a.functions.joined(separator: ";").utf8).lexicographicallyPrecedes(Array(b.functions.joined(separator: ";").utf8))
        }
        XCTAssertGreaterThan(expected.count, 1_000)
        func plain(_ rows: [StackDiff.Row]) -> [String] { rows.map { "\($0.functions) \($0.base) \($0.current)" } }
        func plain(_ rows: [Row]) -> [String] { rows.map { "\($0.functions) \($0.base) \($0.current)" } }
        XCTAssertEqual(plain(diff.rows), plain(expected))
        XCTAssertEqual(plain(diff.growth(limit: 8)), plain(Array(expected.filter { $0.delta > 0 }.prefix(8))))
        XCTAssertEqual(plain(diff.shrink(limit: 5)), plain(Array(expected.filter { $0.delta < 0 }.prefix(5))))
        // The cut falls inside a run of equal deltas: the tie-break decides who is in.
        let growth = expected.filter { $0.delta > 0 }
        XCTAssertEqual(growth[7].delta, growth[8].delta)
        XCTAssertEqual(diff.growth(limit: 0), [])
    }

    func testInlineLabelsOfALargeDiffMatchTheEdgesCountedOneByOne() {
        // Over 400,000 frames in all: the edges are split among the cores by callee.
        let current = profile(samples: 16_000, functions: 400, seed: 3), base = profile(samples: 16_000, functions: 400, seed: 4)
        XCTAssertGreaterThan(current.stackLocations.count + base.stackLocations.count, 400_000)
        let top = ProfileTop.diff(current: current, base: base, sampleIndex: 0)
        // pprof's rule: an edge between shown nodes (by name), counted once per sample,
        // with the sample's signed value; inline when the callee is not the outermost line
        // of its location; edges lighter than 0.1% of the flat sum are ignored.
        let shown = Set(top.rows.map(\.name))
        var weight: [String: [String: Int64]] = [:], call: [String: [String: Bool]] = [:]
        for (p, sign) in [(current, Int64(1)), (base, Int64(-1))] {
            for s in 0..<p.sampleCount {
                var seen = Set<String>(), parent: String?
                for location in p.stack(ofSample: s).reversed() {
                    let lines = p.locations[Int(location)].lines
                    for (k, line) in lines.enumerated().reversed() {
                        let name = p.functions[Int(line.function)].name
                        guard shown.contains(name) else { continue }
                        if let parent, parent != name, seen.insert(parent + ">" + name).inserted {
                            weight[name, default: [:]][parent, default: 0] += sign * p.values[s]
                            call[name, default: [:]][parent] = (call[name]?[parent] ?? false) || k == lines.count - 1
                        }
                        parent = name
                    }
                }
            }
        }
        // Every sample's value is flat on its leaf: the flat sum is current − base.
        let flatSum = current.values.reduce(0, +) - base.values.reduce(0, +)
        let cutoff = abs(Int64(Double(flatSum) * 0.001))
        var labelled = 0
        for row in top.rows {
            let edges = (weight[row.name] ?? [:]).filter { abs($0.value) >= cutoff }
            let inline = edges.keys.contains { call[row.name]?[$0] == false }
            let calls = edges.keys.contains { call[row.name]?[$0] == true }
            let expected = inline ? (calls ? "(partial-inline)" : "(inline)") : ""
            XCTAssertEqual(row.inlineLabel, expected, row.name)
            if !expected.isEmpty { labelled += 1 }
        }
        XCTAssertGreaterThan(labelled, 10)
    }
}
