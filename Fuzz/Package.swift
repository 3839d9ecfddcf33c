// swift-tools-version:6.0
// libFuzzer targets for gomemreport's readers. Not part of the normal build: scripts/fuzz
// builds them with --sanitize=fuzzer --sanitize=address into its own scratch folder
// (.build-fuzz), so `swift build` / `swift test` at the root never see instrumented objects.
//
// The readers' modules are the root package's own sources, reached through the symlinks
// in Shared/ rather than a package dependency: a dependency on the root package would
// bring its build plugin, whose tool the fuzzer flags cannot link (libFuzzer has its own
// main), and its remote dependencies, which the readers do not need. The sanitizers
// instrument these modules too, so coverage guides the mutations through the readers.
//
// Each fuzz-NAME executable defines LLVMFuzzerTestOneInput and nothing else; libFuzzer
// supplies main. They drive the same public entry points the CLI uses.
import PackageDescription

/// One libFuzzer executable per reader; `name` is what scripts/fuzz calls the target.
func fuzzTarget(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .executableTarget(name: "fuzz-\(name)", dependencies: ["FuzzSupport"] + dependencies, path: "Sources/\(name)")
}

let package = Package(
    name: "gomemreport-fuzz",
    targets: [
        // The root package's modules, as its Package.swift declares them.
        .systemLibrary(name: "CMark", path: "Shared/CMark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .systemLibrary(name: "CZlib", path: "Shared/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "MemoryModel", path: "Shared/MemoryModel"),
        .target(name: "Ingest", dependencies: ["MemoryModel", "CZlib"], path: "Shared/Ingest"),
        .target(name: "Markdown", dependencies: ["CMark"], path: "Shared/Markdown"),
        .target(name: "Analysis", dependencies: ["MemoryModel"], path: "Shared/Analysis"),

        // How a harness tells an accepted input from a finding, and what the profile
        // targets do with a profile they read (the CLI's next steps).
        .target(name: "FuzzSupport", dependencies: ["MemoryModel", "Analysis"]),
        fuzzTarget("profile-proto", ["Ingest", "MemoryModel"]),
        fuzzTarget("profile-gzip", ["Ingest", "MemoryModel"]),
        fuzzTarget("pprof-debug1", ["Ingest", "MemoryModel"]),
        fuzzTarget("pprof-debug2", ["Ingest", "MemoryModel"]),
        fuzzTarget("prometheus-text", ["Ingest", "MemoryModel"]),
        fuzzTarget("scrapes-folder", ["Ingest", "MemoryModel"]),
        fuzzTarget("query-range", ["Ingest", "MemoryModel"]),
        fuzzTarget("expvar", ["Ingest", "MemoryModel"]),
        fuzzTarget("proc", ["Ingest", "MemoryModel"]),
        fuzzTarget("cgroup", ["Ingest", "MemoryModel"]),
        fuzzTarget("markdown", ["Markdown"]),
    ],
    swiftLanguageModes: [.v5]
)
