import Foundation

/// Large heap profiles written by Benchmarks/profilegen (Go, google/pprof's own
/// encoder from Debian's golang-github-google-pprof-dev) and cached under
/// `.build/bench`, so the same file is measured on every run.
struct ProfileGenerator {
    var packageRoot: URL

    var folder: URL { packageRoot.appendingPathComponent(".build/bench") }

    /// The path of the profile with `samples` samples over `functions` functions; `seed`
    /// 1 is the "current" profile, another seed the same service's base for a diff.
    /// Generates it on first use. Throws when Go or the pprof package is missing.
    func profile(samples: Int, functions: Int, seed: Int = 1) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("heap-\(samples)-\(functions)\(seed == 1 ? "" : "-seed\(seed)").pb.gz").path
        if FileManager.default.fileExists(atPath: path) { return path }
        let generator = try built()
        print("generating \(path) with Benchmarks/profilegen …")
        let temporary = path + ".partial"
        try run(generator, ["-samples", "\(samples)", "-functions", "\(functions)", "-seed", "\(seed)", "-o", temporary],
                in: folder, failure: "profilegen failed writing \(temporary)")
        guard rename(temporary, path) == 0 else { throw BenchmarkError("cannot rename \(temporary)") }
        return path
    }

    /// The uncompressed size of a gzip file: its trailer's ISIZE (exact below 4 GiB,
    /// which these single-member files are), read without inflating anything, so this
    /// process stays small (see `ChildProcess`).
    static func uncompressedSize(ofGzip path: String) throws -> Int {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw BenchmarkError("cannot read \(path)") }
        defer { try? handle.close() }
        let end = try handle.seekToEnd()
        guard end >= 18 else { throw BenchmarkError("\(path) is too short for gzip") }
        try handle.seek(toOffset: end - 4)
        let trailer = [UInt8](try handle.read(upToCount: 4) ?? Data())
        guard trailer.count == 4 else { throw BenchmarkError("cannot read the gzip trailer of \(path)") }
        return trailer.enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
    }

    /// Builds the generator once (`go build`, GOPATH mode against Debian's packages).
    private func built() throws -> String {
        let binary = folder.appendingPathComponent("profilegen").path
        if FileManager.default.isExecutableFile(atPath: binary) { return binary }
        print("building Benchmarks/profilegen …")
        try run("/usr/bin/env", ["go", "build", "-o", binary, "."], in: packageRoot.appendingPathComponent("Benchmarks/profilegen"),
                failure: "cannot build Benchmarks/profilegen; install golang-go and golang-github-google-pprof-dev")
        return binary
    }

    private func run(_ executable: String, _ arguments: [String], in directory: URL, failure: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["GO111MODULE"] = "off"
        environment["GOPATH"] = "/usr/share/gocode"
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchmarkError(failure) }
    }
}
