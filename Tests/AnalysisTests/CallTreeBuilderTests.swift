@testable import Analysis
import MemoryModel
import XCTest

/// `CallTreeBuilder` packs its work tightly (narrow frame columns, walkers moved in
/// place, runs sized by level), so it is checked node for node against a plain
/// reference: a breadth-first build over each sample's list of frames, which makes
/// nodes in the order the builder promises (by depth, then parent, then first use).
final class CallTreeBuilderTests: XCTestCase {
    /// A random profile: its stacks (leaf first, location indices) are kept beside it,
    /// so the reference never reads the profile's sample storage.
    private struct Generated {
        var profile: Profile
        var stacks: [[Int32]]
        var values: [Int64]
    }

    /// SplitMix64: deterministic across platforms, unlike the system generator.
    private struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    /// `locations` locations over `functions` functions (names shared with any other
    /// profile made here, interned in a seed-dependent order), one in five inlined (two
    /// or three lines), one in fifty without lines; stacks of 0–`maxDepth` frames
    /// walking a skewed call graph so prefixes are shared; one value in ten zero, and
    /// with `negative` some below zero. Lines repeat every 90 locations, unless
    /// `distinctLines`, which makes every line of every location a frame of its own.
    private func generate(seed: UInt64, functions: Int, locations: Int, samples: Int, maxDepth: Int,
                          negative: Bool = false, distinctLines: Bool = false) -> Generated {
        var random = Random(state: seed)
        var b = ProfileBuilder(sampleTypes: [ValueType(type: "inuse_space", unit: "bytes")])
        let offset = random.next(functions)
        var function = [Int32](repeating: 0, count: functions)
        for k in 0..<functions {
            let i = (k + offset) % functions
            function[i] = b.function(name: "pkg.f\(i)", filename: "/src/f\(i % 7).go")
        }
        var locationIndex: [Int32] = []
        for i in 0..<locations {
            var lines: [ProfileLocation.Line] = []
            if i % 50 != 49 {
                let count = i % 5 == 0 ? 2 + i % 2 : 1
                for k in 0..<count {
                    lines.append(.init(function: function[(i * 7 + k * 13) % functions], line: Int64(distinctLines ? 1 + 3 * i + k : 1 + (i + k) % 90)))
                }
            }
            locationIndex.append(b.location(address: UInt64(0x1000 + i * 16), lines: lines))
        }
        var generated = Generated(profile: b.profile, stacks: [], values: [])
        for _ in 0..<samples {
            let depth = random.next(maxDepth + 1)
            var stack: [Int32] = []
            var l = random.next(4)
            for _ in 0..<depth {
                stack.append(locationIndex[l])
                l = random.next(10) < 8 ? (l * 3 + random.next(3)) % min(locations, 64) : random.next(locations)
            }
            stack.reverse()
            var value = Int64(random.next(10) == 0 ? 0 : 1 + random.next(1000))
            if negative && random.next(4) == 0 { value = -value }
            b.addSample(stack: stack, values: [value])
            generated.stacks.append(stack)
            generated.values.append(value)
        }
        generated.profile = b.profile
        return generated
    }

    /// The nodes, as the reference builds them.
    private struct Tree: Equatable {
        var parent: [Int32] = [-1], name: [String] = [""], line: [Int64] = [0], depth: [Int32] = [0]
        var total: [Int64], selfValue: [Int64], truncated: [Bool] = [false], sampleCounts: [Int]
    }

    private func reference(_ inputs: [Generated], pruneBelow: Int64 = 0, keepShared: Bool = false) -> Tree {
        let slots = inputs.count
        var tree = Tree(total: [Int64](repeating: 0, count: slots), selfValue: [Int64](repeating: 0, count: slots),
                        sampleCounts: [Int](repeating: 0, count: slots))
        // Every contributing sample, in input order: its frames outermost first.
        var walkers: [(slot: Int, value: Int64, frames: [(name: String, line: Int64)])] = []
        for (slot, input) in inputs.enumerated() {
            let profile = input.profile
            for (stack, value) in zip(input.stacks, input.values) where value != 0 {
                var frames: [(name: String, line: Int64)] = []
                for location in stack.reversed().map({ profile.locations[Int($0)] }) {
                    if location.lines.isEmpty { frames.append(("0x" + String(location.address, radix: 16), 0)) }
                    for line in location.lines.reversed() {
                        frames.append((profile.functions[Int(line.function)].name, line.line))
                    }
                }
                walkers.append((slot, value, frames))
                tree.total[slot] += value
                tree.sampleCounts[slot] += 1
            }
        }
        var level: [(node: Int, walkers: [Int])] = [(0, Array(walkers.indices))]
        var depth = 0
        while !level.isEmpty {
            var next: [(node: Int, walkers: [Int])] = []
            for (node, members) in level {
                var children: [String: Int] = [:], order: [Int] = [], reached: [Int: [Int]] = [:]
                for w in members {
                    let walker = walkers[w]
                    guard depth < walker.frames.count else {
                        tree.selfValue[node * slots + walker.slot] += walker.value
                        continue
                    }
                    let frame = walker.frames[depth]
                    var child = children[frame.name] ?? -1
                    if child < 0 {
                        child = tree.parent.count
                        children[frame.name] = child
                        order.append(child)
                        tree.parent.append(Int32(node)); tree.name.append(frame.name); tree.line.append(frame.line)
                        tree.depth.append(Int32(depth + 1)); tree.truncated.append(false)
                        tree.total.append(contentsOf: repeatElement(0, count: slots))
                        tree.selfValue.append(contentsOf: repeatElement(0, count: slots))
                    }
                    tree.total[child * slots + walker.slot] += walker.value
                    reached[child, default: []].append(w)
                }
                for child in order {
                    let totals = (0..<slots).map { tree.total[child * slots + $0] }
                    var expand = pruneBelow == 0 || totals.contains { abs($0) >= pruneBelow }
                    if !expand && keepShared { expand = totals.allSatisfy { $0 != 0 } }
                    if expand {
                        next.append((child, reached[child]!))
                    } else if reached[child]!.contains(where: { walkers[$0].frames.count > depth + 1 }) {
                        tree.truncated[child] = true
                    }
                }
            }
            // The builder makes every node of a depth before any of the next: parents in
            // order, so the next level's parents are already in creation order.
            level = next
            depth += 1
        }
        return tree
    }

    private func build(_ inputs: [Generated], scale: Double = 1, pruneBelow: Int64 = 0, keepShared: Bool = false) -> Tree {
        let builder = CallTreeBuilder(
            inputs: inputs.enumerated().map { .init(profile: $0.element.profile, typeIndex: 0, scale: $0.offset == 1 ? scale : 1) },
            pruneBelow: pruneBelow, keepShared: keepShared)
        return Tree(parent: builder.parent,
                    name: builder.function.map { $0 < 0 ? "" : builder.functions[Int($0)].name },
                    line: builder.line, depth: builder.depth, total: builder.total, selfValue: builder.selfValue,
                    truncated: builder.truncated, sampleCounts: builder.sampleCounts)
    }

    private func assertSame(_ actual: Tree, _ expected: Tree, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.parent.count, expected.parent.count, "\(what): node count", file: file, line: line)
        guard actual != expected else { return }
        // Name the first node that differs, which is far more useful than two dumps.
        for node in 0..<min(actual.parent.count, expected.parent.count) {
            let a = (actual.parent[node], actual.name[node], actual.line[node], actual.depth[node], actual.truncated[node])
            let e = (expected.parent[node], expected.name[node], expected.line[node], expected.depth[node], expected.truncated[node])
            if a != e {
                return XCTFail("\(what): node \(node) is \(a), expected \(e)", file: file, line: line)
            }
        }
        XCTAssertEqual(actual.total, expected.total, "\(what): totals", file: file, line: line)
        XCTAssertEqual(actual.selfValue, expected.selfValue, "\(what): self values", file: file, line: line)
        XCTAssertEqual(actual.sampleCounts, expected.sampleCounts, "\(what): sample counts", file: file, line: line)
    }

    /// Fewer than 65,536 frames: the builder's 2-byte frame columns. With 12,000 samples the
    /// first stretches of depths span 6 each, so their seams are crossed many times.
    func testMatchesTheReferenceWithNarrowFrames() {
        let profile = generate(seed: 1, functions: 300, locations: 2_000, samples: 12_000, maxDepth: 24)
        let expected = reference([profile])
        XCTAssertGreaterThan(expected.parent.count, 3_000, "the tree should be bushy enough to test something")
        assertSame(build([profile]), expected, "unpruned")
        let root = expected.total[0]
        for fraction in [0.001, 0.02, 0.3] {
            let threshold = Int64(Double(root) * fraction)
            let pruned = reference([profile], pruneBelow: threshold)
            XCTAssertTrue(pruned.truncated.contains(true), "pruning at \(fraction) should cut something")
            assertSame(build([profile], pruneBelow: threshold), pruned, "pruned at \(fraction)")
        }
    }

    /// More than 65,536 frames (distinct function and line pairs: 70,000 locations, a
    /// fifth of them inlined): the 4-byte columns, with frame indices beyond 16 bits in
    /// the stacks.
    func testMatchesTheReferenceWithWideFrames() {
        let profile = generate(seed: 2, functions: 500, locations: 70_000, samples: 2_000, maxDepth: 16, distinctLines: true)
        let frames = Set(profile.profile.locations.flatMap { location in location.lines.map { [Int64($0.function), $0.line] } })
        XCTAssertGreaterThan(frames.count, 65_536)
        XCTAssertTrue(profile.stacks.joined().contains { $0 > 65_536 }, "frames beyond 16 bits should be used")
        assertSame(build([profile]), reference([profile]), "unpruned")
        let threshold = Int64(Double(reference([profile]).total[0]) * 0.01)
        assertSame(build([profile], pruneBelow: threshold), reference([profile], pruneBelow: threshold), "pruned")
    }

    /// Two inputs (a diff) with negative values, pruned with and without `keepShared`,
    /// and a scaled base, whose values the builder rounds half away from zero.
    func testMatchesTheReferenceForADiff() {
        let current = generate(seed: 3, functions: 200, locations: 1_500, samples: 2_500, maxDepth: 20, negative: true)
        var base = generate(seed: 4, functions: 200, locations: 1_500, samples: 2_000, maxDepth: 20)
        assertSame(build([current, base]), reference([current, base]), "unpruned")
        let threshold = Int64(Double(abs(reference([current]).total[0])) * 0.01)
        for keepShared in [false, true] {
            assertSame(build([current, base], pruneBelow: threshold, keepShared: keepShared),
                       reference([current, base], pruneBelow: threshold, keepShared: keepShared), "keepShared \(keepShared)")
        }
        let scaled = build([current, base], scale: 0.75)
        base.values = base.values.map { Int64((Double($0) * 0.75).rounded()) }
        assertSame(scaled, reference([current, base]), "scaled base")
    }

    /// No samples at all, and samples that all have empty stacks (only the root).
    func testEmptyProfilesBuildOnlyTheRoot() {
        let empty = generate(seed: 5, functions: 3, locations: 3, samples: 0, maxDepth: 0)
        assertSame(build([empty]), reference([empty]), "no samples")
        let flat = generate(seed: 6, functions: 3, locations: 3, samples: 50, maxDepth: 0)
        let tree = build([flat, flat])
        XCTAssertEqual(tree.parent.count, 1)
        XCTAssertEqual(tree.selfValue, [flat.values.reduce(0, +), flat.values.reduce(0, +)])
        assertSame(tree, reference([flat, flat]), "empty stacks")
    }
}
