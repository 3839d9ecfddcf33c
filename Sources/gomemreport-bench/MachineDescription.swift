import Foundation

/// What a benchmark ran on, as BENCHMARKS.md records it: cores, CPU model, RAM, kernel,
/// Swift version, and the load average, read from /proc and the tools themselves.
struct MachineDescription {
    var cores: Int
    var cpuModel: String
    var memoryGiB: Double
    var kernel: String
    var swiftVersion: String

    static func current() -> MachineDescription {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        let kiB = meminfo.split(separator: "\n").first { $0.hasPrefix("MemTotal:") }
            .flatMap { Double($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        let kernel = ((try? String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8)) ?? "unknown")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let swift = firstLine(of: ["swift", "--version"]) ?? "unknown"
        return MachineDescription(cores: ProcessInfo.processInfo.activeProcessorCount, cpuModel: model,
                                  memoryGiB: kiB / 1_048_576, kernel: kernel, swiftVersion: swift)
    }

    /// `/proc/loadavg`'s three averages (1, 5 and 15 minutes).
    static func loadAverage() -> [Double] {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return text.split(separator: " ").prefix(3).compactMap { Double($0) }
    }

    var markdown: String {
        "`nproc` \(cores); \(cpuModel); \(String(format: "%.1f", memoryGiB)) GiB RAM; Linux \(kernel); \(swiftVersion)"
    }

    private static func firstLine(of command: [String]) -> String? {
        let process = Process(), pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init)
    }
}
