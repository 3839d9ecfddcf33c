import Analysis
import ArgumentParser
import Foundation
import Ingest
import MemoryModel
import Render

struct TopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "top",
        abstract: "Print a profile's top table (flat, cum) as go tool pprof -top does, for terminals and CI logs.",
        discussion: """
            Values, order and dropped-node counts equal go tool pprof -top for the same \
            profile and sample type. With --base, shows current − base (pprof's -diff_base).

            Examples:
              gomemreport top heap.pb.gz
              gomemreport top heap.pb.gz -n 20 --sample-index alloc_space
              gomemreport top heap-late.pb.gz --base heap-early.pb.gz
              gomemreport top heap-late.pb.gz --base heap-early.pb.gz --normalize
              gomemreport top goroutine.pb.gz --lines --exact
            """)

    @Argument(help: ArgumentHelp("A pprof profile (gzipped or plain profile.proto).", valueName: "profile"))
    var profile: String

    @Option(help: ArgumentHelp("Subtract this profile (the earlier one), as pprof's -diff_base.", valueName: "profile"))
    var base: String?

    @Option(name: [.customShort("n"), .customLong("nodecount")], help: "Show at most this many rows (0: all, as pprof -top).")
    var nodeCount: Int = 0

    @Flag(help: "Print raw integers instead of KiB/MiB, as pprof's -unit=B, so output compares line for line.")
    var exact = false

    @OptionGroup var options: ProfileOptions

    func run() throws {
        let maximumBytes = try options.maxProfileBytes(), maximumLineBytes = try options.maxLineBytes()
        var current = try ProfileReader.load(path: profile, maximumBytes: maximumBytes, maximumLineBytes: maximumLineBytes)
        let sampleIndex = try ProfileSelection.sampleIndex(options.sampleIndex, in: current, file: profile)
        let granularity: ProfileTop.Granularity = options.lines ? .lines : .functions
        let top: ProfileTop
        if let base {
            let baseProfile = try ProfileReader.load(path: base, maximumBytes: maximumBytes, maximumLineBytes: maximumLineBytes)
            if options.normalize { current = current.normalized(toMatch: baseProfile) }
            let baseIndex = try ProfileSelection.sampleIndex(current.sampleTypes[sampleIndex].type, in: baseProfile, file: base)
            top = ProfileTop.compute(
                inputs: [.init(profile: current, sampleIndex: sampleIndex), .init(profile: baseProfile, sampleIndex: baseIndex, sign: -1)],
                granularity: granularity, nodeCount: nodeCount, nodeFraction: 0.005)
        } else {
            top = ProfileTop.compute(profile: current, sampleIndex: sampleIndex, granularity: granularity, nodeCount: nodeCount)
        }
        var header = "Type: \(top.sampleType.type)\n"
        if current.timeNanos > 0 { header += "Time: \(UTCTime(unixSeconds: Double(current.timeNanos) / 1e9).readable)\n" }
        print(header + ProfileTopText.render(top, exact: exact), terminator: "")
    }
}
