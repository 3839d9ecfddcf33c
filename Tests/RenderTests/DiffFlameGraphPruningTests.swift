import Analysis
import MemoryModel
import Render
import XCTest

/// The diff page prunes its call tree (`CallTreeDiff.forFlameGraphs`); both of its
/// flame graphs must come out as from the whole tree.
final class DiffFlameGraphPruningTests: XCTestCase {
    /// Random stacks of 6–17 frames over `functions` functions, one location each.
    /// `samples` stacks from each seed in turn, then the `extra` stacks.
    private func profile(samples: Int, functions: Int, seeds: [UInt64], extra: [[Int32]] = []) -> Profile {
        var state: UInt64 = 0
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var starts: [Int32] = [0], stack: [Int32] = [], values: [Int64] = []
        for sample in 0..<(samples * seeds.count) {
            if sample % samples == 0 { state = seeds[sample / samples] }
            var f = next(4)
            for _ in 0..<(6 + next(12)) {
                stack.append(Int32(f))
                f = next(10) < 8 ? (f * 3 + 1) % 40 : next(functions)
            }
            starts.append(Int32(stack.count))
            values.append(Int64(1 + next(50)) * 512)
        }
        for s in extra {
            stack += s
            starts.append(Int32(stack.count))
            values.append(4096)
        }
        return Profile(sampleTypes: [ValueType(type: "inuse_space", unit: "bytes")],
                       functions: (0..<functions).map { ProfileFunction(id: UInt64($0 + 1), name: "pkg.f\($0)", filename: "f.go") },
                       locations: (0..<functions).map { ProfileLocation(id: UInt64($0 + 1), lines: [.init(function: Int32($0), line: 7)]) },
                       stackStarts: starts, stackLocations: PackedIntegers(stack), values: PackedIntegers(values))
    }

    private func assertSameDrawings(current: Profile, base: Profile, expectPruning: Bool,
                                    file: StaticString = #filePath, line: UInt = #line) {
        let whole = CallTreeDiff(current: current, base: base, sampleType: 0, baseSampleType: 0)
        let pruned = CallTreeDiff.forFlameGraphs(current: current, base: base, sampleType: 0, baseSampleType: 0,
                                                 fraction: FlameGraph.pruneFraction)
        if expectPruning {
            XCTAssertLessThan(pruned.nodes.count, whole.nodes.count / 2, "pruning should leave most nodes out", file: file, line: line)
        }
        let a = DiffFlameGraph(diff: whole, title: "t"), b = DiffFlameGraph(diff: pruned, title: "t")
        XCTAssertEqual(a.svg(), b.svg(), file: file, line: line)
        XCTAssertEqual(a.baseOnlySVG(), b.baseOnlySVG(), file: file, line: line)
        XCTAssertGreaterThan(a.baseOnlySVG().components(separatedBy: "<rect").count, 20, file: file, line: line)
    }

    func testDifferentServicesWhereMostOfTheBaseIsItsOwn() {
        assertSameDrawings(current: profile(samples: 6_000, functions: 3_000, seeds: [1]),
                           base: profile(samples: 6_000, functions: 3_000, seeds: [2]), expectPruning: true)
    }

    func testTheSameServiceWithAFewStacksOnlyInTheBase() {
        // The base-only view's total is a sliver of the base: the tree is built again,
        // finer, for that view.
        var gone: [[Int32]] = []
        for k in 0..<40 {
            let leaf = Int32(2_000 + k), middle = Int32(2_100 + k % 7), top = Int32(2_200 + k % 3)
            gone.append([leaf, middle, top, 1, 0])
        }
        // The current profile also has stacks of its own. The finer second build expands
        // nearly everything; what matters is that no view loses a frame.
        assertSameDrawings(current: profile(samples: 4_000, functions: 3_000, seeds: [5, 6]),
                           base: profile(samples: 4_000, functions: 3_000, seeds: [5], extra: gone), expectPruning: false)
    }
}
