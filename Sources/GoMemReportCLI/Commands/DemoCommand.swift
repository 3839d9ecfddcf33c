import ArgumentParser
import BundledResources
import Foundation
import Ingest

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Render the report of a small real recording bundled in the binary.",
        discussion: """
            The bundled recording is cut down from a real Go 1.19 service with a heap leak \
            (main.FooHandler keeps every request's buffer), scraped by Prometheus every 2 s.

            Examples:
              gomemreport demo -o demo.html
              gomemreport demo -o demo.html --json demo.json
            """)

    /// Where the demo lives among the bundled files.
    static let folder = "Examples/heapleak-demo"

    @OptionGroup var render: RenderOptions

    func run() throws {
        let templates = try render.templates.load()
        let files = BundledFiles.paths(under: "\(Self.folder)/prometheus/").filter { $0.hasSuffix(".json") }.map {
            (path: $0, label: String($0.dropFirst(Self.folder.count + 1)), bytes: [UInt8](BundledFiles.data(at: $0) ?? Data()))
        }
        let notes = BundledFiles.data(at: "\(Self.folder)/notes.md").map { String(decoding: $0, as: UTF8.self) }
        var recording = try RecordingFolder.recording(name: "heapleak-demo", location: Self.folder, files: files, notes: notes)
        let pprof = "\(Self.folder)/pprof/"
        recording.profiles = try RecordingProfiles.select(names: BundledFiles.paths(under: pprof).map { String($0.dropFirst(pprof.count)) }) { name in
            (pprof + name, [UInt8](BundledFiles.data(at: pprof + name) ?? Data()))
        }
        try ReportPipeline(templates: templates).run(recording, settings: try render.settings())
    }
}
