import Analysis
import MemoryModel
import XCTest

final class CallTreeTests: XCTestCase {
    private static let space = ValueType(type: "inuse_space", unit: "bytes")
    private static let objects = ValueType(type: "inuse_objects", unit: "count")

    /// A small heap profile (sample types: inuse_objects, inuse_space) covering identical
    /// stacks, an inlined location, recursion, a zero-value sample, an empty stack and a
    /// stack without `runtime.goexit`.
    private func sampleProfile() -> Profile {
        var b = ProfileBuilder(sampleTypes: [Self.objects, Self.space], defaultSampleType: "inuse_space")
        let goexit = b.function(name: "runtime.goexit", filename: "/go/src/runtime/asm_amd64.s")
        let mainMain = b.function(name: "main.main", filename: "/app/main.go")
        let handler = b.function(name: "main.handler", filename: "/app/main.go")
        let helper = b.function(name: "main.helper", filename: "/app/helper.go")
        let malloc = b.function(name: "runtime.mallocgc", filename: "/go/src/runtime/malloc.go")
        let recurse = b.function(name: "main.recurse", filename: "/app/rec.go")
        let unused = b.function(name: "main.unused", filename: "/app/main.go")

        let lGoexit = b.location(address: 0x10, lines: [.init(function: goexit, line: 1571)])
        let lMain = b.location(address: 0x20, lines: [.init(function: mainMain, line: 5)])
        // main.helper inlined into main.handler: innermost first.
        let lInlined = b.location(address: 0x30, lines: [.init(function: helper, line: 10), .init(function: handler, line: 20)])
        let lHandler = b.location(address: 0x31, lines: [.init(function: handler, line: 22)])
        let lMalloc = b.location(address: 0x40, lines: [.init(function: malloc, line: 1000)])
        let lRecurse = b.location(address: 0x50, lines: [.init(function: recurse, line: 7)])
        let lUnused = b.location(address: 0x60, lines: [.init(function: unused, line: 9)])

        b.addSample(stack: [lMalloc, lInlined, lMain, lGoexit], values: [1, 100])
        b.addSample(stack: [lMalloc, lInlined, lMain, lGoexit], values: [2, 50])      // identical stack
        b.addSample(stack: [lHandler, lMain, lGoexit], values: [3, 30])
        b.addSample(stack: [lRecurse, lRecurse, lRecurse, lMain, lGoexit], values: [4, 7])
        b.addSample(stack: [lUnused, lGoexit], values: [5, 0])                          // zero value
        b.addSample(stack: [], values: [6, 3])                                            // empty stack
        b.addSample(stack: [lMain], values: [7, 5])                                       // no goexit
        return b.profile
    }

    private func assertAdditive(_ tree: CallTree, file: StaticString = #filePath, line: UInt = #line) {
        for node in tree.nodes.indices {
            let childSum = tree.children(of: node).reduce(Int64(0)) { $0 + tree.nodes[$1].total }
            XCTAssertEqual(tree.nodes[node].selfValue + childSum, tree.nodes[node].total,
                           "node \(tree.path(of: node))", file: file, line: line)
        }
    }

    func testTotalsAndSelfValuesPerNode() throws {
        let profile = sampleProfile()
        let tree = CallTree(profile: profile, sampleType: 1)
        XCTAssertEqual(tree.sampleType, Self.space)
        XCTAssertEqual(tree.total, 195)                 // 100 + 50 + 30 + 7 + 0 + 3 + 5
        let sum = (0..<profile.sampleCount).reduce(Int64(0)) { $0 + profile.value(ofSample: $1, type: 1) }
        XCTAssertEqual(tree.total, sum)
        XCTAssertEqual(tree.nodes[CallTree.root].selfValue, 3)   // the empty stack
        XCTAssertEqual(tree.sampleCount, 6)                      // the zero-value sample is left out

        // Root's children are the outermost frames, larger total first.
        XCTAssertEqual(tree.children(of: CallTree.root).map { tree.name(of: $0) }, ["runtime.goexit", "main.main"])

        func node(_ names: String...) throws -> CallTree.Node {
            try XCTUnwrap(tree.node(atPath: names).map { tree.nodes[$0] }, names.joined(separator: " → "))
        }
        XCTAssertEqual(try node("runtime.goexit").total, 187)
        XCTAssertEqual(try node("runtime.goexit").selfValue, 0)
        XCTAssertEqual(try node("runtime.goexit", "main.main").total, 187)
        XCTAssertEqual(try node("main.main").total, 5)
        XCTAssertEqual(try node("main.main").selfValue, 5)

        // The inlined location gives two frames: main.handler, then main.helper.
        let handler = try node("runtime.goexit", "main.main", "main.handler")
        XCTAssertEqual(handler.total, 180)
        XCTAssertEqual(handler.selfValue, 30)
        XCTAssertEqual(handler.line, 20)
        XCTAssertEqual(handler.depth, 3)
        let helper = try node("runtime.goexit", "main.main", "main.handler", "main.helper")
        XCTAssertEqual(helper.total, 150)
        XCTAssertEqual(helper.selfValue, 0)
        XCTAssertEqual(helper.line, 10)
        let malloc = try node("runtime.goexit", "main.main", "main.handler", "main.helper", "runtime.mallocgc")
        XCTAssertEqual(malloc.total, 150)
        XCTAssertEqual(malloc.selfValue, 150)
        XCTAssertEqual(tree.functions[Int(malloc.function)].filename, "/go/src/runtime/malloc.go")

        // Recursion nests: three main.recurse frames, self only in the deepest.
        let r1 = try node("runtime.goexit", "main.main", "main.recurse")
        let r2 = try node("runtime.goexit", "main.main", "main.recurse", "main.recurse")
        let r3 = try node("runtime.goexit", "main.main", "main.recurse", "main.recurse", "main.recurse")
        XCTAssertEqual([r1.total, r2.total, r3.total], [7, 7, 7])
        XCTAssertEqual([r1.selfValue, r2.selfValue, r3.selfValue], [0, 0, 7])

        // The zero-value sample adds no node.
        XCTAssertNil(tree.node(atPath: ["runtime.goexit", "main.unused"]))
        // 1 root + goexit, main, handler, helper, malloc, 3 × recurse + top-level main.
        XCTAssertEqual(tree.nodes.count, 10)
        assertAdditive(tree)
    }

    func testAnotherSampleTypeAndDefault() {
        let profile = sampleProfile()
        XCTAssertEqual(CallTree.defaultSampleTypeIndex(of: profile), 1)
        let tree = CallTree(profile: profile, sampleType: 0)
        XCTAssertEqual(tree.sampleType, Self.objects)
        XCTAssertEqual(tree.total, 28)
        // The sample with objects = 5 but space = 0 counts here.
        XCTAssertEqual(tree.node(atPath: ["runtime.goexit", "main.unused"]).map { tree.nodes[$0].total }, 5)
        XCTAssertEqual(tree.node(atPath: ["runtime.goexit", "main.main", "main.handler"]).map { tree.nodes[$0].total }, 6)
        assertAdditive(tree)

        var unnamed = ProfileBuilder(sampleTypes: [Self.objects, Self.space])
        unnamed.addSample(stack: [], values: [1, 1])
        XCTAssertEqual(CallTree.defaultSampleTypeIndex(of: unnamed.profile), 1)
        XCTAssertNil(CallTree.defaultSampleTypeIndex(of: Profile(sampleTypes: [])))
    }

    func testEmptyProfile() {
        let tree = CallTree(profile: Profile(sampleTypes: [Self.space]), sampleType: 0)
        XCTAssertEqual(tree.nodes.count, 1)
        XCTAssertEqual(tree.total, 0)
        XCTAssertTrue(tree.children(of: CallTree.root).isEmpty)
        XCTAssertEqual(tree.path(of: CallTree.root), [])
        XCTAssertNil(tree.function(of: CallTree.root))
    }

    func testChildrenOrderTiesByNameAndDeterminism() {
        var b = ProfileBuilder(sampleTypes: [Self.space])
        let names = ["main.c", "main.a", "main.b", "main.d"]
        let locations = names.map { name in
            b.location(address: 0, lines: [.init(function: b.function(name: name, filename: "/m.go"), line: 1)])
        }
        b.addSample(stack: [locations[0]], values: [10])
        b.addSample(stack: [locations[1]], values: [10])
        b.addSample(stack: [locations[2]], values: [20])
        b.addSample(stack: [locations[3]], values: [5])
        let tree = CallTree(profile: b.profile, sampleType: 0)
        XCTAssertEqual(tree.children(of: CallTree.root).map { tree.name(of: $0) }, ["main.b", "main.a", "main.c", "main.d"])
        XCTAssertEqual(tree, CallTree(profile: b.profile, sampleType: 0))
    }

    /// Same name in two files is one frame (functions granularity); locations without
    /// lines are named after their mapping or address.
    func testFunctionIdentityIsTheName() {
        var b = ProfileBuilder(sampleTypes: [Self.space])
        let f1 = b.function(name: "main.work", filename: "/a/main.go")
        let f2 = b.function(name: "main.work", filename: "/b/main.go")
        let l1 = b.location(address: 1, lines: [.init(function: f1, line: 3)])
        let l2 = b.location(address: 2, lines: [.init(function: f2, line: 4)])
        let bare = b.location(address: 0xabc, lines: [])
        b.addSample(stack: [l1], values: [1])
        b.addSample(stack: [l2], values: [2])
        b.addSample(stack: [bare, l1], values: [4])
        let tree = CallTree(profile: b.profile, sampleType: 0)
        XCTAssertEqual(tree.children(of: CallTree.root).count, 1)
        let work = tree.node(atPath: ["main.work"])!
        XCTAssertEqual(tree.nodes[work].total, 7)
        XCTAssertEqual(tree.function(of: work)?.filename, "/a/main.go")
        XCTAssertEqual(tree.node(atPath: ["main.work", "0xabc"]).map { tree.nodes[$0].selfValue }, 4)
    }

    /// Negative values (a profile that already is a difference) are summed as they are.
    func testNegativeValuesStayAdditive() {
        var b = ProfileBuilder(sampleTypes: [Self.space])
        let f = b.location(address: 0, lines: [.init(function: b.function(name: "main.f", filename: ""), line: 1)])
        let g = b.location(address: 0, lines: [.init(function: b.function(name: "main.g", filename: ""), line: 1)])
        b.addSample(stack: [g, f], values: [-40])
        b.addSample(stack: [f], values: [100])
        let tree = CallTree(profile: b.profile, sampleType: 0)
        XCTAssertEqual(tree.total, 60)
        XCTAssertEqual(tree.node(atPath: ["main.f", "main.g"]).map { tree.nodes[$0].total }, -40)
        assertAdditive(tree)
    }

    /// Absurd values cannot make the sums overflow and trap.
    func testHugeValuesDoNotTrap() {
        var b = ProfileBuilder(sampleTypes: [Self.space])
        let f = b.location(address: 0, lines: [.init(function: b.function(name: "main.f", filename: ""), line: 1)])
        b.addSample(stack: [f], values: [.max])
        b.addSample(stack: [f], values: [.max])
        b.addSample(stack: [f], values: [.min])
        let tree = CallTree(profile: b.profile, sampleType: 0)
        XCTAssertTrue(tree.valuesWereClamped)
        assertAdditive(tree)
    }

    // MARK: - Diff

    /// Current and base built with functions interned in different orders, so only
    /// names can match them.
    private func diffProfiles() -> (current: Profile, base: Profile) {
        var c = ProfileBuilder(sampleTypes: [Self.space])
        let cNew = c.function(name: "main.newFeature", filename: "/app/new.go")
        let cHandler = c.function(name: "main.handler", filename: "/app/main.go")
        let cMain = c.function(name: "main.main", filename: "/app/main.go")
        let cMainLoc = c.location(address: 1, lines: [.init(function: cMain, line: 5)])
        let cHandlerLoc = c.location(address: 2, lines: [.init(function: cHandler, line: 20)])
        let cNewLoc = c.location(address: 3, lines: [.init(function: cNew, line: 8)])
        c.addSample(stack: [cHandlerLoc, cMainLoc], values: [100])
        c.addSample(stack: [cNewLoc, cMainLoc], values: [25])
        c.addSample(stack: [cMainLoc], values: [5])

        var b = ProfileBuilder(sampleTypes: [Self.objects, Self.space])
        let bMain = b.function(name: "main.main", filename: "/app/main.go")
        let bOld = b.function(name: "main.oldCache", filename: "/app/old.go")
        let bHandler = b.function(name: "main.handler", filename: "/app/main.go")
        let bGrow = b.function(name: "main.grow", filename: "/app/old.go")
        let bMainLoc = b.location(address: 1, lines: [.init(function: bMain, line: 5)])
        let bHandlerLoc = b.location(address: 2, lines: [.init(function: bHandler, line: 20)])
        let bOldLoc = b.location(address: 4, lines: [.init(function: bGrow, line: 3), .init(function: bOld, line: 12)])
        b.addSample(stack: [bHandlerLoc, bMainLoc], values: [1, 60])
        b.addSample(stack: [bOldLoc, bMainLoc], values: [1, 40])
        b.addSample(stack: [bMainLoc], values: [1, 5])
        return (c.profile, b.profile)
    }

    func testDiffMatchesFunctionsByNameAndComputesDeltas() throws {
        let (current, base) = diffProfiles()
        let baseType = try XCTUnwrap(CallTreeDiff.sampleTypeIndex(of: Self.space, in: base))
        XCTAssertEqual(baseType, 1)
        let diff = CallTreeDiff(current: current, base: base, sampleType: 0, baseSampleType: baseType)
        XCTAssertEqual(diff.sampleType, Self.space)
        XCTAssertFalse(diff.isNormalized)
        XCTAssertEqual(diff.currentTotal, 130)
        XCTAssertEqual(diff.baseTotal, 105)
        XCTAssertEqual(diff.deltaTotal, 25)

        func node(_ names: String...) throws -> CallTreeDiff.Node {
            try XCTUnwrap(diff.node(atPath: names).map { diff.nodes[$0] }, names.joined(separator: " → "))
        }
        let main = try node("main.main")
        XCTAssertEqual([main.current, main.base, main.delta], [130, 105, 25])
        XCTAssertEqual([main.currentSelf, main.baseSelf, main.selfDelta], [5, 5, 0])
        let handler = try node("main.main", "main.handler")
        XCTAssertEqual([handler.current, handler.base, handler.delta], [100, 60, 40])
        let new = try node("main.main", "main.newFeature")
        XCTAssertEqual([new.current, new.base, new.delta], [25, 0, 25])
        // Only in the base, through an inlined location: main.oldCache → main.grow.
        let old = try node("main.main", "main.oldCache")
        XCTAssertEqual([old.current, old.base, old.delta], [0, 40, -40])
        let grow = try node("main.main", "main.oldCache", "main.grow")
        XCTAssertEqual([grow.current, grow.base, grow.baseSelf], [0, 40, 40])

        // The base-only part, summed up to the root.
        XCTAssertEqual(grow.baseOnly, 40)
        XCTAssertEqual(old.baseOnly, 40)
        XCTAssertEqual(handler.baseOnly, 0)
        XCTAssertEqual(main.baseOnly, 40)
        XCTAssertEqual(diff.nodes[CallTreeDiff.root].baseOnly, 40)

        // Children by current total, then base.
        XCTAssertEqual(diff.children(of: diff.node(atPath: ["main.main"])!).map { diff.name(of: $0) },
                       ["main.handler", "main.newFeature", "main.oldCache"])
        for index in diff.nodes.indices {
            let n = diff.nodes[index]
            let kids = diff.children(of: index)
            XCTAssertEqual(n.currentSelf + kids.reduce(0) { $0 + diff.nodes[$1].current }, n.current)
            XCTAssertEqual(n.baseSelf + kids.reduce(0) { $0 + diff.nodes[$1].base }, n.base)
        }
    }

    func testDiffOfAProfileWithItselfIsZeroEverywhere() {
        let (current, _) = diffProfiles()
        let diff = CallTreeDiff(current: current, base: current, sampleType: 0, baseSampleType: 0)
        XCTAssertTrue(diff.nodes.allSatisfy { $0.delta == 0 && $0.baseOnly == 0 })
        XCTAssertEqual(diff.nodes.count, CallTree(profile: current, sampleType: 0).nodes.count)
    }

    func testNormalizeScalesTheBaseToTheCurrentTotal() throws {
        let (current, base) = diffProfiles()
        let diff = CallTreeDiff(current: current, base: base, sampleType: 0, baseSampleType: 1, normalize: true)
        XCTAssertTrue(diff.isNormalized)
        XCTAssertEqual(diff.rawBaseTotal, 105)
        XCTAssertEqual(diff.baseScale, 130.0 / 105.0, accuracy: 1e-12)
        // Per sample, rounded: 60 → 74.29 → 74, 40 → 49.52 → 50, 5 → 6.19 → 6.
        XCTAssertEqual(diff.baseTotal, 130)
        XCTAssertEqual(diff.node(atPath: ["main.main", "main.handler"]).map { diff.nodes[$0].base }, 74)
        XCTAssertEqual(diff.node(atPath: ["main.main", "main.handler"]).map { diff.nodes[$0].delta }, 26)
        XCTAssertEqual(diff.node(atPath: ["main.main", "main.oldCache"]).map { diff.nodes[$0].base }, 50)
        XCTAssertEqual(diff.node(atPath: ["main.main"]).map { diff.nodes[$0].baseSelf }, 6)
        XCTAssertEqual(diff.deltaTotal, 0)

        // An empty base is not scaled.
        let empty = Profile(sampleTypes: [Self.space])
        let againstEmpty = CallTreeDiff(current: current, base: empty, sampleType: 0, baseSampleType: 0, normalize: true)
        XCTAssertFalse(againstEmpty.isNormalized)
        XCTAssertEqual(againstEmpty.baseTotal, 0)
        XCTAssertEqual(againstEmpty.deltaTotal, 130)
    }
}
