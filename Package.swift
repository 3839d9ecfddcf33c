// swift-tools-version:6.0
// The pipeline runs one way: (Capture →) Ingest → MemoryModel → Analysis → Render → Publish,
// with the CLI wiring the stages together at the edge.
import PackageDescription

let package = Package(
    name: "gomemreport",
    products: [
        .executable(name: "gomemreport", targets: ["gomemreport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
    ],
    targets: [
        // C libraries from Debian, reached through pkg-config.
        .systemLibrary(
            name: "CMark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // glibc's <malloc.h> (mallopt), part of libc6-dev.
        .systemLibrary(name: "CMalloc"),

        // Values only: no I/O, no dependencies.
        .target(name: "MemoryModel"),
        // Bytes in, model values out. One reader per source.
        .target(name: "Ingest", dependencies: ["MemoryModel", "CZlib"]),
        // Pure computations on model values.
        .target(name: "Analysis", dependencies: ["MemoryModel"]),
        // The only module that imports CMark.
        .target(name: "Markdown", dependencies: ["CMark"]),
        // View models, SVG charts, HTML/JSON rendering through Mustache templates.
        .target(
            name: "Render",
            dependencies: [
                "MemoryModel", "Analysis", "Markdown",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // Before ingest: the HTTP client of a live Prometheus-compatible server; its
        // answers go to Ingest's readers like saved ones.
        .target(name: "LiveQuery", dependencies: ["Ingest", "MemoryModel"]),
        // Before ingest: records a running Go service into a recording folder.
        .target(name: "Capture", dependencies: ["Ingest", "LiveQuery", "MemoryModel", "Analysis"]),
        // Writing files so that a reader never sees half of one.
        .target(name: "Publish"),
        // templates/, assets/ and the demo recording, compiled into the binary.
        .target(name: "BundledResources", plugins: ["EmbedFiles"]),
        .executableTarget(name: "EmbedFilesTool", path: "Sources/EmbedFilesTool"),
        .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["EmbedFilesTool"]),

        // The commands: each run() wires the stages and stays short.
        .target(
            name: "GoMemReportCLI",
            dependencies: [
                "MemoryModel", "Capture", "LiveQuery", "Ingest", "Analysis", "Render", "Publish", "BundledResources", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "gomemreport", dependencies: ["GoMemReportCLI"]),
        // Measurements against go tool pprof, gzip and python3: swift run -c release gomemreport-bench profiles|series
        .executableTarget(name: "gomemreport-bench", dependencies: ["Ingest", "Analysis", "Render", "MemoryModel"]),

        // Fixture paths, golden files, a runner for the built executable, and the Go
        // service the record tests start (GoService, HangingListener).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "LiveQuery", "Analysis", "MemoryModel", "TestSupport"], path: "Tests/IngestTests"),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Ingest", "MemoryModel", "TestSupport"], path: "Tests/AnalysisTests"),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"], path: "Tests/MarkdownTests"),
        .testTarget(
            name: "RenderTests",
            dependencies: ["Render", "Analysis", "Ingest", "MemoryModel", "BundledResources", "TestSupport"],
            path: "Tests/RenderTests"),
        .testTarget(name: "CLITests", dependencies: ["gomemreport", "TestSupport"], path: "Tests/CLITests"),
        // Against a real Prometheus (Debian's prometheus package) that the tests start.
        .testTarget(name: "LiveTests", dependencies: ["gomemreport", "LiveQuery", "Ingest", "Analysis", "MemoryModel", "TestSupport"], path: "Tests/LiveTests"),
        // Against a real Go service (Tests/Fixtures/generators/scenarios in serve mode,
        // built with Debian's golang-go) that the tests start and record.
        .testTarget(name: "RecordTests", dependencies: ["gomemreport", "Capture", "Ingest", "MemoryModel", "TestSupport"], path: "Tests/RecordTests"),
    ],
    swiftLanguageModes: [.v5]
)
