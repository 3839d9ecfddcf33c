import Analysis
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import MemoryModel
@testable import Render
import XCTest

final class FlameGraphTests: XCTestCase {
    private static let space = ValueType(type: "inuse_space", unit: "bytes")
    private static let objects = ValueType(type: "inuse_objects", unit: "count")

    // MARK: - Profiles

    /// A small helper around ProfileBuilder: stacks are given outermost first, as
    /// "function" or "function@file:line" per frame; a frame "a+b" is one location with
    /// b inlined into a.
    private struct Stacks {
        var builder: ProfileBuilder
        init(_ type: ValueType = FlameGraphTests.space) { builder = ProfileBuilder(sampleTypes: [type]) }

        mutating func add(_ frames: [String], _ value: Int64) {
            var stack: [Int32] = []
            for (depth, frame) in frames.enumerated() {
                // Outermost first in the frame's text, innermost first in the location.
                let names = frame.split(separator: "+").map(String.init).reversed()
                let lines = names.map { name in
                    ProfileLocation.Line(function: builder.function(name: name, filename: "/src/\(Self.file(of: name))"),
                                         line: Int64(10 + depth))
                }
                stack.append(builder.location(address: UInt64(0x1000 + depth), lines: Array(lines)))
            }
            builder.addSample(stack: stack.reversed(), values: [value])
        }

        static func file(of name: String) -> String {
            FlameGraphPalette.packagePath(of: name) + "/x.go"
        }

        var profile: Profile { builder.profile }
    }

    /// Total 100,000 bytes: a web handler, the runtime, and 50 siblings of 100 bytes
    /// (1.2 units each, too narrow to draw one by one).
    private func webProfile() -> Profile {
        var s = Stacks()
        let serve = ["runtime.goexit", "net/http.(*conn).serve", "net/http.HandlerFunc.ServeHTTP"]
        s.add(serve + ["main.handler", "encoding/json.Marshal"], 40_000)
        s.add(serve + ["main.handler", "main.buildCache+main.grow"], 30_000)   // main.grow inlined
        s.add(serve + ["main.handler"], 5_000)                                 // self
        s.add(["runtime.goexit", "runtime.gcBgMarkWorker"], 10_000)
        for i in 0..<50 { s.add(["runtime.goexit", "main.fanout", "main.tiny\(i)"], 100) }
        s.add(["main.main", "github.com/acme/store.(*DB).Load"], 10_000)
        return s.profile
    }

    // MARK: - SVG parsing

    private struct Frame {
        var x: Double, y: Double, width: Double, fill: String, title: String
        /// Outlined dashed: in a diff, on one side only.
        var marked = false
        var name: String { String(title.split(separator: "\n").first ?? "") }
    }

    private func frames(_ svg: String) -> [Frame] {
        let pattern = ##"<rect x="([-0-9.]+)" y="([-0-9.]+)" width="([-0-9.]+)" height="17" fill="(#[0-9a-f]{6})"( stroke="#1b1b1b" stroke-width="1" stroke-dasharray="3 2")?><title>([^<]*)</title></rect>"##
        let regex = try! NSRegularExpression(pattern: pattern)
        let range = NSRange(svg.startIndex..., in: svg)
        return regex.matches(in: svg, range: range).map { m in
            func group(_ i: Int) -> String { String(svg[Range(m.range(at: i), in: svg)!]) }
            return Frame(x: Double(group(1))!, y: Double(group(2))!, width: Double(group(3))!, fill: group(4),
                         title: unescape(group(6)), marked: m.range(at: 5).location != NSNotFound)
        }
    }

    private func labels(_ svg: String) -> [(x: Double, y: Double, text: String)] {
        let regex = try! NSRegularExpression(pattern: ##"<text x="([-0-9.]+)" y="([-0-9.]+)"(?: fill="#[0-9a-f]{3,6}")?>([^<]*)</text>"##)
        let range = NSRange(svg.startIndex..., in: svg)
        return regex.matches(in: svg, range: range).map { m in
            func group(_ i: Int) -> String { String(svg[Range(m.range(at: i), in: svg)!]) }
            return (Double(group(1))!, Double(group(2))!, unescape(group(3)))
        }
    }

    private func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    private func frame(named name: String, in frames: [Frame], file: StaticString = #filePath, line: UInt = #line) -> Frame? {
        let found = frames.filter { $0.name == name }
        XCTAssertEqual(found.count, 1, "frames named \(name)", file: file, line: line)
        return found.first
    }

    /// The SVG parses as XML (every entity and tag closed), so it is well-formed in HTML too.
    private func assertWellFormed(_ svg: String, file: StaticString = #filePath, line: UInt = #line) {
        let parser = XMLParser(data: Data(svg.utf8))
        XCTAssertTrue(parser.parse(), "not well-formed: \(String(describing: parser.parserError))", file: file, line: line)
    }

    // MARK: - Flame graph

    func testWidthsAreProportionalToTotals() throws {
        let tree = CallTree(profile: webProfile(), sampleType: 0)
        XCTAssertEqual(tree.total, 100_000)
        let svg = FlameGraph(tree: tree, title: "Heap in use").svg()
        assertWellFormed(svg)
        let all = frames(svg)

        let root = try XCTUnwrap(frame(named: "all samples", in: all))
        XCTAssertEqual(root.x, 0)
        XCTAssertEqual(root.width, 1200)
        XCTAssertEqual(root.y, 0)
        for node in tree.nodes.indices where node != CallTree.root {
            let name = tree.name(of: node)
            guard name != "main.main" && !name.hasPrefix("main.tiny") else { continue }
            let f = try XCTUnwrap(frame(named: name, in: all))
            XCTAssertEqual(f.width, Double(tree.nodes[node].total) / 100_000 * 1200, accuracy: 0.051, name)
            XCTAssertEqual(f.y, Double(tree.nodes[node].depth) * 18, name)
        }
        // Largest first, callees under their callers: goexit's children start where it starts.
        let goexit = try XCTUnwrap(frame(named: "runtime.goexit", in: all))
        let serve = try XCTUnwrap(frame(named: "net/http.(*conn).serve", in: all))
        XCTAssertEqual(goexit.x, 0)
        XCTAssertEqual(serve.x, 0)
        XCTAssertEqual(serve.width, 900)                              // 75,000 of 100,000
        let gc = try XCTUnwrap(frame(named: "runtime.gcBgMarkWorker", in: all))
        XCTAssertEqual(gc.x, 900)
        XCTAssertEqual(gc.width, 120, accuracy: 0.051)                // 10,000
        let fanout = try XCTUnwrap(frame(named: "main.fanout", in: all))
        XCTAssertEqual(fanout.x, 1020, accuracy: 0.051)
        XCTAssertEqual(fanout.width, 60, accuracy: 0.051)
        let load = try XCTUnwrap(frame(named: "github.com/acme/store.(*DB).Load", in: all))
        XCTAssertEqual(load.x, 1080, accuracy: 0.051)
        XCTAssertEqual(load.width, 120, accuracy: 0.051)
        // The inlined function is a frame of its own, below the one it was inlined into.
        let grow = try XCTUnwrap(frame(named: "main.grow", in: all))
        let cache = try XCTUnwrap(frame(named: "main.buildCache", in: all))
        XCTAssertEqual(grow.y, cache.y + 18)
        XCTAssertEqual(grow.width, 360, accuracy: 0.051)
    }

    func testNarrowSiblingsMergeIntoOneBoxThatKeepsTheirValue() throws {
        let svg = FlameGraph(tree: CallTree(profile: webProfile(), sampleType: 0), title: "Heap").svg()
        let all = frames(svg)
        XCTAssertFalse(all.contains { $0.name.hasPrefix("main.tiny") })
        let merged = try XCTUnwrap(frame(named: "50 smaller frames, each too narrow to draw", in: all))
        XCTAssertEqual(merged.width, 60, accuracy: 0.051)             // 50 × 100 bytes of 100,000
        XCTAssertEqual(merged.title, "50 smaller frames, each too narrow to draw\n4.9 KiB (5,000 bytes), 5.0% of all together")
        XCTAssertEqual(merged.fill, FlameGraphPalette.merged)
        let fanout = try XCTUnwrap(frame(named: "main.fanout", in: all))
        XCTAssertEqual(merged.x, fanout.x, accuracy: 0.051)
        XCTAssertEqual(merged.y, fanout.y + 18)
        // main.main (10,000) is wide; a lone narrow frame is drawn as itself, not merged.
        var s = Stacks()
        s.add(["main.a"], 100_000)
        s.add(["main.b", "main.c"], 10)
        let lone = frames(FlameGraph(tree: CallTree(profile: s.profile, sampleType: 0), title: "t").svg())
        let b = try XCTUnwrap(frame(named: "main.b", in: lone))
        XCTAssertEqual(b.width, 0.1, accuracy: 0.051)
        XCTAssertTrue(b.title.contains("(frames below are not drawn)"))
        XCTAssertFalse(lone.contains { $0.name == "main.c" })
        // Every row below the root adds up to at most the root and the first row to all of it.
        let firstRow = lone.filter { $0.y == 18 }.reduce(0) { $0 + $1.width }
        XCTAssertEqual(firstRow, 1200, accuracy: 0.1)
    }

    func testTitlesCarryNameLocationValueShareAndSelf() throws {
        let all = frames(FlameGraph(tree: CallTree(profile: webProfile(), sampleType: 0), title: "Heap").svg())
        let handler = try XCTUnwrap(frame(named: "main.handler", in: all))
        XCTAssertEqual(handler.title, """
            main.handler
            /src/main/x.go:13
            73.2 KiB (75,000 bytes), 75.0% of all
            self: 4.9 KiB (5,000 bytes), 5.0% of all
            """)
        let root = try XCTUnwrap(frame(named: "all samples", in: all))
        XCTAssertTrue(root.title.contains("inuse_space: 97.7 KiB (100,000 bytes), 100%"), root.title)
        XCTAssertTrue(root.title.contains("55 samples"), root.title)
        // Counts get thousands separators, no byte units.
        var s = Stacks(Self.objects)
        s.add(["main.main", "main.alloc"], 1_234_567)
        let counted = frames(FlameGraph(tree: CallTree(profile: s.profile, sampleType: 0), title: "Objects").svg())
        XCTAssertEqual(try XCTUnwrap(frame(named: "main.alloc", in: counted)).title,
                       "main.alloc\n/src/main/x.go:11\n1,234,567, 100.0% of all\nself: 1,234,567, 100.0% of all")
    }

    func testLabelsFitTheirBoxesOrAreLeftOut() throws {
        var s = Stacks()
        s.add(["github.com/acme/verylongpackagename/internal/storage.(*Repository).LoadEverythingFromDisk"], 300)
        s.add(["main.short"], 9_500)
        s.add(["main.narrowButDrawn"], 200)   // 24 units: too narrow for 4 characters
        let svg = FlameGraph(tree: CallTree(profile: s.profile, sampleType: 0), title: "t").svg()
        let all = frames(svg), texts = labels(svg)
        for label in texts {
            let box = try XCTUnwrap(all.first { abs($0.x + 3 - label.x) < 0.01 && abs($0.y + 12.5 - label.y) < 0.01 }, label.text)
            XCTAssertLessThanOrEqual(Double(label.text.count) * 6.6 + 6, box.width + 0.001, label.text)
        }
        let long = try XCTUnwrap(frame(named: "github.com/acme/verylongpackagename/internal/storage.(*Repository).LoadEverythingFromDisk", in: all))
        XCTAssertEqual(long.width, 36, accuracy: 0.051)
        // Shortened to the name after the last slash, cut with an ellipsis: 4 characters fit.
        XCTAssertTrue(texts.contains { $0.text == "sto…" }, "\(texts.map(\.text))")
        XCTAssertTrue(texts.contains { $0.text == "main.short" })
        XCTAssertFalse(texts.contains { $0.text.hasPrefix("main.narrow") || $0.text.hasPrefix("mai") && $0.text != "main.short" })
        // The labels group lets the pointer through to the frame and its title.
        XCTAssertTrue(svg.contains("pointer-events=\"none\""))
    }

    func testColoursAreStablePerPackage() throws {
        let first = frames(FlameGraph(tree: CallTree(profile: webProfile(), sampleType: 0), title: "a").svg())
        var s = Stacks()
        s.add(["net/http.(*Server).Serve", "main.other"], 5)
        let second = frames(FlameGraph(tree: CallTree(profile: s.profile, sampleType: 0), title: "b").svg())

        let serveA = try XCTUnwrap(frame(named: "net/http.(*conn).serve", in: first))
        let handlerFuncA = try XCTUnwrap(frame(named: "net/http.HandlerFunc.ServeHTTP", in: first))
        let serveB = try XCTUnwrap(frame(named: "net/http.(*Server).Serve", in: second))
        XCTAssertEqual(serveA.fill, handlerFuncA.fill)
        XCTAssertEqual(serveA.fill, serveB.fill)
        let mainA = try XCTUnwrap(frame(named: "main.handler", in: first))
        let mainB = try XCTUnwrap(frame(named: "main.other", in: second))
        XCTAssertEqual(mainA.fill, mainB.fill)
        XCTAssertNotEqual(mainA.fill, serveA.fill)
        let json = try XCTUnwrap(frame(named: "encoding/json.Marshal", in: first))
        let store = try XCTUnwrap(frame(named: "github.com/acme/store.(*DB).Load", in: first))
        XCTAssertEqual(Set([mainA.fill, serveA.fill, json.fill, store.fill]).count, 4)

        // Runtime frames are cool (more blue than red); Go code is warm.
        func rgb(_ hex: String) -> (Int, Int, Int) {
            let v = Int(hex.dropFirst(), radix: 16)!
            return (v >> 16, (v >> 8) & 255, v & 255)
        }
        for name in ["runtime.goexit", "runtime.gcBgMarkWorker"] {
            let c = rgb(try XCTUnwrap(frame(named: name, in: first)).fill)
            XCTAssertGreaterThan(c.2, c.0, name)
        }
        for f in [mainA, serveA, json, store] {
            let c = rgb(f.fill)
            XCTAssertGreaterThan(c.0, c.2, f.name)
        }
        // Pinned: the hash is FNV-1a, so colours do not change between runs or machines.
        XCTAssertEqual(FlameGraphPalette.fnv1a(""), 0x811C_9DC5)
        XCTAssertEqual(FlameGraphPalette.fnv1a("a"), 0xE40C_292C)
        XCTAssertEqual(FlameGraphPalette.fnv1a("foobar"), 0xBF9C_F968)
        XCTAssertEqual(FlameGraphPalette.color(forFunction: "main.main"), FlameGraphPalette.color(forFunction: "main.init.0"))
        XCTAssertEqual(FlameGraphPalette.color(forFunction: "[gomemreport]"), "#bdbdbd")
    }

    func testPackagePaths() {
        let cases = [
            "main.main": "main",
            "main.(*T).Method.func1": "main",
            "net/http.(*conn).serve": "net/http",
            "github.com/prometheus/common/expfmt.MetricFamilyToText.func1": "github.com/prometheus/common/expfmt",
            "gopkg.in/yaml%2ev3.Unmarshal": "gopkg.in/yaml%2ev3",
            "github.com/a/b.Map[go.shape.*net/http.Request]": "github.com/a/b",
            "runtime/internal/syscall.Syscall6": "runtime/internal/syscall",
            "0x4a3b2c": "0x4a3b2c",
            "[gomemreport]": "[gomemreport]",
        ]
        for (name, package) in cases {
            XCTAssertEqual(FlameGraphPalette.packagePath(of: name), package, name)
        }
        XCTAssertTrue(FlameGraphPalette.isRuntime("runtime"))
        XCTAssertTrue(FlameGraphPalette.isRuntime("runtime/internal/syscall"))
        XCTAssertTrue(FlameGraphPalette.isRuntime("internal/runtime/atomic"))
        XCTAssertFalse(FlameGraphPalette.isRuntime("runtimex"))
        XCTAssertFalse(FlameGraphPalette.isRuntime("github.com/x/runtime"))
    }

    func testHostileNamesAreEscaped() throws {
        let evil = "main.</script><script>alert(\"x\")</script>&'\u{202E}gnp.exe\u{7}"
        var s = Stacks()
        s.add(["main.main", evil], 10)
        let title = "Heap <b>\"quoted\"</b> & more"
        let svg = FlameGraph(tree: CallTree(profile: s.profile, sampleType: 0), title: title).svg()
        assertWellFormed(svg)
        XCTAssertFalse(svg.contains("<script"))
        XCTAssertFalse(svg.contains("</script"))
        XCTAssertFalse(svg.contains("<b>"))
        XCTAssertFalse(svg.unicodeScalars.contains("\u{202E}"))
        XCTAssertFalse(svg.unicodeScalars.contains("\u{7}"))
        XCTAssertTrue(svg.contains("aria-label=\"Heap &lt;b&gt;&quot;quoted&quot;&lt;/b&gt; &amp; more\""))
        XCTAssertTrue(svg.contains("&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;\\u202Egnp.exe\\u0007"))
        let all = frames(svg)
        XCTAssertTrue(all.contains { $0.name == "main.</script><script>alert(\"x\")</script>&'\\u202Egnp.exe\\u0007" })
    }

    func testOutputIsByteIdenticalForTheSameInput() {
        let profile = webProfile()
        let a = FlameGraph(tree: CallTree(profile: profile, sampleType: 0), title: "Heap").svg()
        let b = FlameGraph(tree: CallTree(profile: profile, sampleType: 0), title: "Heap").svg()
        XCTAssertEqual(Data(a.utf8), Data(b.utf8))
    }

    func testAccessibleAndScriptFree() {
        let svg = FlameGraph(tree: CallTree(profile: webProfile(), sampleType: 0), title: "Heap in use").svg()
        XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart flame-graph\" viewBox=\"0 0 1200 "))
        XCTAssertTrue(svg.contains("role=\"img\" aria-label=\"Heap in use\">\n<title>Heap in use</title>\n<desc>"))
        XCTAssertFalse(svg.lowercased().contains("script"))
        XCTAssertNil(svg.range(of: #"\son[a-z]+="#, options: .regularExpression))   // no event handlers
        XCTAssertFalse(svg.contains("href"))          // nothing loaded
        XCTAssertTrue(svg.hasSuffix("</svg>"))
    }

    func testEmptyProfile() {
        let svg = FlameGraph(tree: CallTree(profile: Profile(sampleTypes: [Self.space]), sampleType: 0), title: "Empty").svg()
        assertWellFormed(svg)
        XCTAssertTrue(svg.contains("role=\"img\""))
        XCTAssertTrue(svg.contains("No samples with a positive inuse_space value."))
        XCTAssertTrue(frames(svg).isEmpty)
    }

    func testRecursionAndTheDepthLimit() throws {
        var s = Stacks()
        s.add(["main.main"] + Array(repeating: "main.walk", count: 30), 100)
        var graph = FlameGraph(tree: CallTree(profile: s.profile, sampleType: 0), title: "t")
        XCTAssertEqual(frames(graph.svg()).filter { $0.name == "main.walk" }.count, 30)
        graph.maximumDepth = 10
        let limited = frames(graph.svg())
        XCTAssertEqual(limited.count, 11)                     // the root and 10 rows
        XCTAssertEqual(limited.map(\.y).max(), 180)
        let last = try XCTUnwrap(limited.last { $0.y == 180 })
        XCTAssertTrue(last.title.hasSuffix("(frames below are not drawn)"))
    }

    /// 40,000 functions must not make a multi-megabyte SVG: small frames merge, and past
    /// `maximumFrames` the minimum width grows. No value is lost on the first row.
    func testManyFunctionsStayWithinTheFrameBudget() throws {
        var s = Stacks()
        for i in 0..<40_000 {
            let package = "github.com/acme/pkg\(i % 97)"
            s.add(["main.main", "\(package).Handler\(i % 500)", "\(package).Work\(i)"], Int64(1 + i % 300))
        }
        let tree = CallTree(profile: s.profile, sampleType: 0)
        var graph = FlameGraph(tree: tree, title: "Many")
        let svg = graph.svg()
        assertWellFormed(svg)
        let all = frames(svg)
        XCTAssertLessThanOrEqual(all.count, 4000)
        XCTAssertLessThan(svg.utf8.count, 1_000_000)
        let rowTwo = all.filter { $0.y == 36 }
        XCTAssertEqual(rowTwo.reduce(0) { $0 + $1.width }, 1200, accuracy: 0.05 * Double(rowTwo.count))
        graph.maximumFrames = 300
        let fewer = graph.svg()
        XCTAssertLessThanOrEqual(frames(fewer).count, 300)
        XCTAssertTrue(fewer.contains("sibling frames narrower than "))
    }

    // MARK: - Diff

    /// Current: handler grew 60 → 100, a new feature (25), main.main self unchanged (5).
    /// Base only: main.oldCache → main.grow (40).
    private func diffProfiles() -> (current: Profile, base: Profile) {
        var current = Stacks()
        current.add(["main.main", "main.handler"], 100_000)
        current.add(["main.main", "main.newFeature"], 25_000)
        current.add(["main.main", "main.steady"], 20_000)
        current.add(["main.main", "main.shrinking"], 5_000)
        var base = Stacks()
        base.add(["main.main", "main.shrinking"], 20_000)
        base.add(["main.main", "main.steady"], 20_000)
        base.add(["main.main", "main.oldCache+main.grow"], 40_000)
        base.add(["main.main", "main.handler"], 60_000)
        return (current.profile, base.profile)
    }

    func testDiffIsSizedByCurrentAndColouredByChange() throws {
        let (current, base) = diffProfiles()
        let diff = CallTreeDiff(current: current, base: base, sampleType: 0, baseSampleType: 0)
        let graph = DiffFlameGraph(diff: diff, title: "Heap change")
        let svg = graph.svg()
        assertWellFormed(svg)
        let all = frames(svg)
        // 150,000 current bytes across 1200 units.
        let handler = try XCTUnwrap(frame(named: "main.handler", in: all))
        XCTAssertEqual(handler.width, 800, accuracy: 0.051)
        XCTAssertEqual(handler.y, 56 + 36)
        XCTAssertEqual(try XCTUnwrap(frame(named: "main.newFeature", in: all)).width, 200, accuracy: 0.051)
        XCTAssertFalse(all.contains { $0.name == "main.oldCache" || $0.name == "main.grow" })

        // Largest change below the root: handler +40,000 → scale 50 KiB (51,200 bytes).
        XCTAssertEqual(graph.colorScale(), 51_200)
        XCTAssertTrue(svg.contains("full at ±50.0 KiB (36.6% of the base total)"), svg)
        XCTAssertEqual(handler.fill, DiffFlameGraph.color(delta: 40_000, scale: 51_200).fill)
        let steady = try XCTUnwrap(frame(named: "main.steady", in: all))
        XCTAssertEqual(steady.fill, "#f1f1f1")
        func rgb(_ hex: String) -> (Int, Int, Int) {
            let v = Int(hex.dropFirst(), radix: 16)!
            return (v >> 16, (v >> 8) & 255, v & 255)
        }
        XCTAssertGreaterThan(rgb(handler.fill).0, rgb(handler.fill).2)                  // grew: red
        let shrinking = try XCTUnwrap(frame(named: "main.shrinking", in: all))
        XCTAssertGreaterThan(rgb(shrinking.fill).1, rgb(shrinking.fill).0)              // shrank: green
        XCTAssertEqual(handler.title, """
            main.handler
            /src/main/x.go:11
            current: 97.7 KiB (100,000 bytes)
            base: 58.6 KiB (60,000 bytes)
            change: +39.1 KiB (40,000 bytes), +28.6% of the base total
            self change: +39.1 KiB (40,000 bytes)
            """)
        XCTAssertTrue(try XCTUnwrap(frame(named: "main.newFeature", in: all)).title.contains("(new since the base)"))
        // New frames are outlined dashed, whatever their colour, and the legend says so.
        XCTAssertEqual(all.filter(\.marked).map(\.name), ["main.newFeature"])
        XCTAssertTrue(svg.contains(">dashed outline: new, not in the base</text>"))
        XCTAssertTrue(svg.contains("1 frame is new since the base (not in it): it is outlined dashed."))
        // The legend: nine swatches from −scale to +scale, values written under them.
        XCTAssertTrue(svg.contains("<title>≤ −50.0 KiB</title>"))
        XCTAssertTrue(svg.contains("<title>≥ +50.0 KiB</title>"))
        XCTAssertTrue(svg.contains(">+25.0 KiB</text>"))
        XCTAssertEqual(DiffFlameGraph.color(delta: 51_200, scale: 51_200).fill, "#c62828")
        XCTAssertEqual(DiffFlameGraph.color(delta: -90_000, scale: 51_200).fill, "#1b7d61")
        XCTAssertEqual(DiffFlameGraph.color(delta: 0, scale: 51_200).fill, "#f1f1f1")
        XCTAssertEqual(Data(svg.utf8), Data(DiffFlameGraph(diff: diff, title: "Heap change").svg().utf8))
    }

    func testBaseOnlyViewShowsWhatVanished() throws {
        let (current, base) = diffProfiles()
        let diff = CallTreeDiff(current: current, base: base, sampleType: 0, baseSampleType: 0)
        let svg = DiffFlameGraph(diff: diff, title: "Heap change").baseOnlySVG()
        assertWellFormed(svg)
        XCTAssertTrue(svg.contains("aria-label=\"Heap change: stacks only in the base\""))
        let all = frames(svg)
        XCTAssertEqual(all.map(\.name), ["all samples", "main.main", "main.oldCache", "main.grow"])
        for f in all { XCTAssertEqual(f.width, 1200) }
        let old = try XCTUnwrap(frame(named: "main.oldCache", in: all))
        XCTAssertEqual(old.title, """
            main.oldCache
            /src/main/x.go:11
            only in the base: 39.1 KiB (40,000 bytes), 28.6% of the base total
            current: 0 B
            """)
        XCTAssertEqual(old.fill, DiffFlameGraph.color(delta: -40_000, scale: 51_200).fill)
        let caller = try XCTUnwrap(frame(named: "main.main", in: all))
        XCTAssertEqual(caller.fill, FlameGraphPalette.merged)     // still present: grey
        XCTAssertTrue(caller.title.contains("below here, only in the base: 39.1 KiB (40,000 bytes)"))
        XCTAssertEqual(all.filter(\.marked).map(\.name), ["main.oldCache", "main.grow"], "what vanished is outlined, its callers are not")
        XCTAssertTrue(svg.contains(">dashed outline: gone, only in the base</text>"))

        // Nothing vanished: a sentence instead of a graph.
        let same = CallTreeDiff(current: current, base: current, sampleType: 0, baseSampleType: 0)
        let none = DiffFlameGraph(diff: same, title: "t").baseOnlySVG()
        assertWellFormed(none)
        XCTAssertTrue(none.contains("Every stack of the base profile is also in the current one."))
    }

    func testNormalizedDiffSaysSo() throws {
        let (current, base) = diffProfiles()
        let diff = CallTreeDiff(current: current, base: base, sampleType: 0, baseSampleType: 0, normalize: true)
        // Scaled per sample and rounded, as pprof does: 150,001, not exactly 150,000.
        XCTAssertEqual(diff.baseTotal, 150_001)
        let all = frames(DiffFlameGraph(diff: diff, title: "t").svg())
        let root = try XCTUnwrap(frame(named: "all samples", in: all))
        XCTAssertTrue(root.title.contains("base scaled by 1.071 to the current total (normalized)"), root.title)
        XCTAssertTrue(root.title.contains("change: −1 B, −<0.1% of the base total"), root.title)
    }

    func testColourScaleRoundsUpToRoundNumbers() {
        XCTAssertEqual(DiffFlameGraph.roundUp(0, unit: "bytes"), 1)
        XCTAssertEqual(DiffFlameGraph.roundUp(3_879_731, unit: "bytes"), 5 * 1_048_576)          // 3.7 MiB
        XCTAssertEqual(DiffFlameGraph.roundUp(1_258_291, unit: "bytes"), 2 * 1_048_576)          // 1.2 MiB
        XCTAssertEqual(DiffFlameGraph.roundUp(1_048_576, unit: "bytes"), 1_048_576)
        XCTAssertEqual(DiffFlameGraph.roundUp(700, unit: "bytes"), 1000)
        XCTAssertEqual(DiffFlameGraph.roundUp(1000, unit: "count"), 1000)
        XCTAssertEqual(DiffFlameGraph.roundUp(1001, unit: "count"), 2000)
        var graph = DiffFlameGraph(diff: CallTreeDiff(current: diffProfiles().current, base: diffProfiles().base,
                                                      sampleType: 0, baseSampleType: 0), title: "t")
        graph.colorScaleMaximum = 1_000_000
        XCTAssertEqual(graph.colorScale(), 1_000_000)
    }

    func testValueFormats() {
        XCTAssertEqual(FlameGraphValueFormat.value(512, unit: "bytes"), "512 B")
        XCTAssertEqual(FlameGraphValueFormat.value(1_536, unit: "bytes"), "1.5 KiB (1,536 bytes)")
        XCTAssertEqual(FlameGraphValueFormat.value(-1_536, unit: "bytes"), "−1.5 KiB (−1,536 bytes)")
        XCTAssertEqual(FlameGraphValueFormat.value(1_234_567, unit: "count"), "1,234,567")
        XCTAssertEqual(FlameGraphValueFormat.value(-1_234, unit: "nanoseconds"), "−1,234 nanoseconds")
        XCTAssertEqual(FlameGraphValueFormat.signed(1_536, unit: "bytes"), "+1.5 KiB (1,536 bytes)")
        XCTAssertEqual(FlameGraphValueFormat.percent(1, of: 3), "33.3%")
        XCTAssertEqual(FlameGraphValueFormat.percent(1, of: 100_000), "<0.1%")
        XCTAssertEqual(FlameGraphValueFormat.percent(-1, of: 8), "−12.5%")
        XCTAssertEqual(FlameGraphValueFormat.percent(1, of: 0), "—")
        XCTAssertEqual(FlameGraphValueFormat.signedPercent(1, of: 8), "+12.5%")
    }
}
