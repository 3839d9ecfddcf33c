import Analysis
import ArgumentParser
import Foundation
import Ingest
import MemoryModel
import Publish
import Render

struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Render one self-contained HTML page for any pprof profile: top tables, flame graph, and a diff.",
        discussion: """
            Reads gzipped or plain profile.proto and the runtime's text forms (heap debug=1, \
            goroutine debug=1 and debug=2). With --base, adds what changed (current − base, \
            pprof's -diff_base); goroutine profiles also get their groups.

            Examples:
              gomemreport profile heap.pb.gz -o heap.html
              gomemreport profile heap-late.pb.gz --base heap-early.pb.gz -o growth.html
              gomemreport profile heap.pb.gz --sample-index alloc_space -o allocs.html
              gomemreport profile goroutine.debug2.txt --base goroutine-early.debug2.txt -o goroutines.html
            """)

    @Argument(help: ArgumentHelp("A pprof profile.", valueName: "profile"))
    var profile: String

    @Option(help: ArgumentHelp("Compare with this (earlier) profile.", valueName: "profile"))
    var base: String?

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Where to write the HTML page.", valueName: "page.html"))
    var output: String

    @OptionGroup var templates: TemplateOptions

    @OptionGroup var options: ProfileOptions

    func run() throws {
        let templateSet = try templates.load()
        let maximumBytes = try options.maxProfileBytes(), maximumLineBytes = try options.maxLineBytes()
        var current = try RecordingProfiles.profile(at: profile, label: profile, maximumBytes: maximumBytes, maximumLineBytes: maximumLineBytes)
        let index = try ProfileSelection.sampleIndex(options.sampleIndex, in: current.profile, file: profile)
        let baseProfile = try base.map {
            try RecordingProfiles.profile(at: $0, label: $0, maximumBytes: maximumBytes, maximumLineBytes: maximumLineBytes)
        }
        if options.normalize, let baseProfile { current.profile = current.profile.normalized(toMatch: baseProfile.profile) }
        guard let analysis = ProfileAnalysis(current: current, base: baseProfile, sampleIndex: index) else {
            throw InputError(file: profile, reason: "the profile has no samples of type \(index)")
        }
        let goroutines = current.kind == .goroutine ? GoroutineAnalysis(current: current, base: baseProfile) : nil
        let page = ProfilePage.build(analysis, goroutines: goroutines, css: templateSet.css)
        let html = try templateSet.render(page, template: "profile-page")
        try AtomicFileWriter.write(html, to: output)
        Diagnostics.note("wrote \(output) (\(html.utf8.count) bytes)")
    }
}
