import Analysis
import BundledResources
import Foundation
import Ingest
import MemoryModel
import Render
import TestSupport
import XCTest

final class ReportPageTests: XCTestCase {
    /// One golden folder per scenario: the recording (or file) and what it exercises.
    static let scenarios: [(name: String, path: String)] = [
        ("heapleak", Fixtures.recording("heapleak")),            // runtime/metrics, Go ≈ RSS
        ("mmap", Fixtures.recording("mmap")),                    // Go far below RSS
        ("virtual", Fixtures.recording("virtual")),              // Go far above RSS, GiB axis
        ("memstats-only", Fixtures.derived("heapleak-memstats-only.json")),
        ("no-rss", Fixtures.derived("heapleak-no-rss.json")),
        ("two-instances", Fixtures.derived("two-instances.json")),
        ("restart", Fixtures.derived("restart.json")),           // a restart marker and a counter reset
        ("out-of-order", Fixtures.derived("out-of-order.json")), // repaired input, listed on the page
    ]

    static func bundledTemplates() throws -> TemplateSet {
        var templates: [String: (path: String, text: String)] = [:]
        for path in BundledFiles.paths(under: "templates/") where !path.dropFirst("templates/".count).contains("/") {
            templates[String(path.dropFirst("templates/".count))] = (path, String(decoding: BundledFiles.data(at: path)!, as: UTF8.self))
        }
        return try TemplateSet(templates: templates, css: String(decoding: BundledFiles.data(at: "assets/report.css")!, as: UTF8.self))
    }

    static func render(_ path: String, notes: String? = nil) throws -> (html: String, json: String) {
        let recording = try RecordingFolder.load(path: path)
        let analysis = try ReportAnalysis(recording: recording, instances: recording.instances)
        let templates = try bundledTemplates()
        let page = ReportPage.build(analysis, css: templates.css, notes: notes)
        let summary = try ReportSummary.build(analysis).jsonText()
        return (try templates.render(page), summary)
    }

    /// Only the version may differ between runs of different builds.
    static func scrubVersion(_ text: String) -> String {
        text.replacingOccurrences(of: "\(ToolVersion.name) \(ToolVersion.current)", with: "\(ToolVersion.name) VERSION")
    }

    func testGoldenPages() throws {
        for scenario in Self.scenarios {
            let output = try Self.render(scenario.path)
            assertGolden(output.html, "\(scenario.name)/report.html", scrub: Self.scrubVersion)
            assertGolden(output.json, "\(scenario.name)/summary.json", scrub: Self.scrubVersion)
        }
    }

    func testRenderingIsDeterministic() throws {
        let first = try Self.render(Fixtures.recording("heapleak"))
        let second = try Self.render(Fixtures.recording("heapleak"))
        XCTAssertEqual(first.html, second.html)
        XCTAssertEqual(first.json, second.json)
    }

    /// No `src`, no `href` but in-page anchors, no CSS `url()` or `@import`: the page
    /// loads nothing, and the CSP forbids loading anything anyway.
    func testNoExternalReferences() throws {
        for name in Fixtures.recordingNames + ["two-instances"] {
            let path = name == "two-instances" ? Fixtures.derived("two-instances.json") : Fixtures.recording(name)
            let html = try Self.render(path, notes: "See [the runbook](https://runbooks.invalid/x).").html
            XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"), name)
            XCTAssertTrue(html.contains(#"<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;none&#39;; object-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:; base-uri &#39;none&#39;; form-action &#39;none&#39;">"#), name)
            XCTAssertFalse(html.contains(" src="), name)
            XCTAssertFalse(html.lowercased().contains("url("), name)
            XCTAssertFalse(html.contains("@import"), name)
            XCTAssertFalse(html.contains("<script"), name)
            XCTAssertFalse(html.contains("<link"), name)
            // The only href outside the page is the one in the user's own notes.
            let hrefs = html.components(separatedBy: "href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
            XCTAssertEqual(hrefs.filter { !$0.hasPrefix("#") }, ["https://runbooks.invalid/x"], name)
        }
    }

    func testNotesAreRenderedSafely() throws {
        let html = try Self.render(Fixtures.recording("heapleak"), notes: "## Incident\n\nSome **bold** {{title}} <script>alert(1)</script>").html
        XCTAssertTrue(html.contains("<h2>Incident</h2>"))
        // Mustache syntax in notes is text: notes are placed after template expansion.
        XCTAssertTrue(html.contains("<p>Some <strong>bold</strong> {{title}} <!-- raw HTML omitted -->alert(1)<!-- raw HTML omitted --></p>"), html)
        XCTAssertFalse(html.contains("<script"))
    }

    func testChartHasLayersLinesAndTitles() throws {
        let html = try Self.render(Fixtures.recording("heapleak")).html
        for category in MemoryCategory.allCases {
            XCTAssertTrue(html.contains("<title>\(HTMLEscaping.escape(category.title)): "), category.title)
        }
        XCTAssertTrue(html.contains("<title>Heap live &amp; dead objects: 2.3 MiB – 90.9 MiB</title>"))
        XCTAssertTrue(html.contains("<title>Go memory: 15.9 MiB – 111 MiB</title>"))
        XCTAssertTrue(html.contains("<title>RSS: 14.9 MiB – 110 MiB</title>"))
        XCTAssertTrue(html.contains(">120 MiB</text>"))
        XCTAssertTrue(html.contains(">07:33</text>"))
        XCTAssertTrue(html.contains("time (UTC)"))
    }

    func testSummaryJSONFollowsSchemaV1() throws {
        let json = try Self.render(Fixtures.recording("heapleak")).json
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        XCTAssertEqual(object["schema"] as? String, "gomemreport/summary/v1")
        let findings = try XCTUnwrap(object["findings"] as? [[String: Any]])
        XCTAssertEqual(findings.map { $0["id"] as? String }, ["heap-leak"])
        XCTAssertEqual(findings[0]["severity"] as? String, "critical")
        XCTAssertEqual(findings[0]["instance"] as? String, "heapleak/127.0.0.1:46027")
        XCTAssertEqual((findings[0]["attribution"] as? [[String: Any]])?.first?["function"] as? String, "main.FooHandler")
        XCTAssertEqual((findings[0]["evidence"] as? [String: Double])?["growth_bytes"], 51_265_396)
        let window = try XCTUnwrap(object["window"] as? [String: Any])
        XCTAssertEqual(window["start"] as? String, "2026-11-28T07:32:43.588Z")
        XCTAssertEqual(window["end"] as? String, "2026-11-28T07:37:37.588Z")
        XCTAssertEqual(window["samples"] as? Int, 148)
        for key in ["last", "peak"] {
            let point = try XCTUnwrap(object[key] as? [String: Any])
            for field in ["go_total_bytes", "heap_total_bytes", "rss_bytes", "non_go_bytes", "categories"] {
                XCTAssertNotNil(point[field], "\(key).\(field)")
            }
            let categories = try XCTUnwrap(point["categories"] as? [String: Int])
            XCTAssertEqual(Set(categories.keys), ["heap_objects", "heap_reserve", "goroutine_stacks", "os_thread_stacks",
                                                  "gc_overhead", "allocator_overhead", "runtime_overhead", "profiler_overhead"])
            XCTAssertEqual(categories.values.reduce(0, +), point["go_total_bytes"] as? Int)
        }
        let last = try XCTUnwrap(object["last"] as? [String: Any])
        XCTAssertEqual(last["go_total_bytes"] as? Int, 116_572_440)
        XCTAssertEqual(last["rss_bytes"] as? Int, 114_905_088)
        XCTAssertEqual(last["non_go_bytes"] as? Int, -1_667_352)

        // Unknown RSS is null, not missing.
        let noRSS = try Self.render(Fixtures.derived("heapleak-no-rss.json")).json
        XCTAssertTrue(noRSS.contains("\"rss_bytes\" : null"))
        XCTAssertTrue(noRSS.contains("\"non_go_bytes\" : null"))
    }
}
