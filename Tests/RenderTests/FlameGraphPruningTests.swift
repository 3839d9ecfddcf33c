import Analysis
import Ingest
import MemoryModel
import Render
import TestSupport
import XCTest

/// Pruning the call tree below what a flame graph can draw must not change the drawing.
final class FlameGraphPruningTests: XCTestCase {
    func testPrunedTreeDrawsTheSameFlameGraph() throws {
        for (recording, file) in [("virtual", "heap-20261128T073737711Z.pb.gz"), ("heapleak", "heap-20261128T073737664Z.pb.gz"),
                                  ("goroutineleak", "goroutine-20261128T073737712Z.debug2.txt")] {
            let profile = try ProfileReader.load(path: Fixtures.recording(recording) + "/pprof/" + file)
            let index = profile.defaultSampleTypeIndex
            let full = CallTree(profile: profile, sampleType: index)
            let pruned = CallTree(profile: profile, sampleType: index, pruneFraction: FlameGraph.pruneFraction)
            XCTAssertEqual(pruned.total, full.total, file)
            XCTAssertLessThanOrEqual(pruned.nodes.count, full.nodes.count, file)
            XCTAssertEqual(FlameGraph(tree: pruned, title: "t").svg(), FlameGraph(tree: full, title: "t").svg(), file)
        }
    }

    func testPruningKeepsTotalsAndMarksTruncatedNodes() {
        // Two stacks: a wide one and a sliver (1 in 100,000) with callees below it.
        var builder = ProfileBuilder(sampleTypes: [ValueType(type: "inuse_space", unit: "bytes")])
        let main = builder.function(name: "main.main", filename: "main.go")
        let wide = builder.function(name: "main.wide", filename: "main.go")
        let thin = builder.function(name: "main.thin", filename: "main.go")
        let deep = builder.function(name: "main.deep", filename: "main.go")
        let lMain = builder.location(address: 1, lines: [.init(function: main, line: 1)])
        let lWide = builder.location(address: 2, lines: [.init(function: wide, line: 2)])
        let lThin = builder.location(address: 3, lines: [.init(function: thin, line: 3)])
        let lDeep = builder.location(address: 4, lines: [.init(function: deep, line: 4)])
        builder.addSample(stack: [lWide, lMain], values: [99_999])
        builder.addSample(stack: [lDeep, lThin, lMain], values: [1])
        let pruned = CallTree(profile: builder.profile, sampleType: 0, pruneFraction: 0.001)
        XCTAssertEqual(pruned.total, 100_000)
        let thinNode = pruned.node(atPath: ["main.main", "main.thin"])!
        XCTAssertEqual(pruned.nodes[thinNode].total, 1)
        XCTAssertTrue(pruned.children(of: thinNode).isEmpty)
        XCTAssertTrue(pruned.isTruncated(thinNode))
        XCTAssertFalse(pruned.isTruncated(pruned.node(atPath: ["main.main", "main.wide"])!))
        let full = CallTree(profile: builder.profile, sampleType: 0)
        XCTAssertNotNil(full.node(atPath: ["main.main", "main.thin", "main.deep"]))
        XCTAssertFalse(full.isTruncated(thinNode))
    }
}
