// swift-tools-version: 6.1
import PackageDescription

// The layering, and the rule for what may import what, are in ARCHITECTURE.md;
// Tests/ArchitectureTests checks every target's imports against it.
let package = Package(
    name: "Switchboard",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "DecisionTable", targets: ["DecisionTable"]),
        .library(name: "DecisionTableReports", targets: ["DecisionTableReports"]),
        .library(name: "DecisionTableDMN", targets: ["DecisionTableDMN"]),
        .library(name: "InteractionLogging", targets: ["InteractionLogging"]),
        // Test support for Benchmarks/, underscored: not API.
        .library(name: "_DecisionTableTestSupport", targets: ["_DecisionTableTestSupport"]),
        .library(name: "_InteractionLoggingTestSupport", targets: ["_InteractionLoggingTestSupport"]),
        .library(name: "InteractionStore", targets: ["InteractionStore"]),
        .library(name: "SwitchboardService", targets: ["SwitchboardService"]),
        .executable(name: "switchboard", targets: ["switchboard"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // `swift package generate-documentation`: DocC for the public libraries, checked in CI.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        // The service and its store only: the engine and its tests build without them.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // libyaml from the system (Debian: libyaml-dev). Imported by exactly one Swift file.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // Diagnostics as data: positions, severities, the code catalog, the compiler-style formatter.
        .target(name: "Diagnostics"),
        // Positioned YAML: libyaml events to a node tree, mapping readers, size and depth limits.
        .target(name: "YAMLLoading", dependencies: ["CYAML", "Diagnostics"]),
        // The fast JSON reader and writer for JSON Lines batches.
        .target(name: "JSONLines", dependencies: ["Diagnostics"]),
        // The generic engine: rules files to checked tables, compiling, evaluation, validation,
        // diff. Knows nothing of any domain, of JSON, or of how results are shown.
        .target(name: "DecisionTable", dependencies: ["Diagnostics", "YAMLLoading"]),
        // The engine's results for people and tools: text reports, JSON, Markdown and HTML tables.
        .target(name: "DecisionTableReports", dependencies: ["DecisionTable", "Diagnostics", "JSONLines"]),
        // DMN 1.1–1.5 in and out: models read into the engine's tables (positions in the XML),
        // evaluated with DMN-shaped results, and tables written back as DMN 1.3.
        .target(
            name: "DecisionTableDMN",
            dependencies: ["DecisionTable", "DecisionTableReports", "Diagnostics", "YAMLLoading", "JSONLines"]
        ),
        // Aircall-to-Spark routing: events and the Spark directory become facts; the shipped
        // rules decide. Built on the engine; the engine never imports it.
        .target(
            name: "InteractionLogging",
            dependencies: ["DecisionTable", "DecisionTableReports", "Diagnostics", "YAMLLoading", "JSONLines"]
        ),
        // Stored interactions, their routes and assignment history: SQLite (GRDB) embedded,
        // PostgreSQL (postgres-nio) shared by several instances.
        .target(
            name: "InteractionStore",
            dependencies: [
                "JSONLines",
                "InteractionLogging",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `switchboard serve`: Aircall webhooks over HTTP (Hummingbird), routed and stored.
        .target(
            name: "SwitchboardService",
            dependencies: [
                "DecisionTable",
                "Diagnostics",
                "JSONLines",
                "InteractionLogging",
                "InteractionStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // The command-line tool: parses arguments, calls the libraries, prints.
        .executableTarget(
            name: "switchboard",
            dependencies: [
                "Diagnostics",
                "YAMLLoading",
                "JSONLines",
                "DecisionTable",
                "DecisionTableReports",
                "DecisionTableDMN",
                "InteractionLogging",
                "InteractionStore",
                "SwitchboardService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // Normalises phone numbers in batch, one `REGION<TAB>NUMBER` line at a time, for the
        // differential test against libphonenumber (Scripts/phone-differential).
        .executableTarget(
            name: "phone-normalize",
            dependencies: ["InteractionLogging"]
        ),
        // Test support (the naive reference evaluator, table generators, the brute-force
        // validator): shared by the tests and Benchmarks/, never shipped as a product.
        .target(
            name: "_DecisionTableTestSupport",
            dependencies: ["DecisionTable", "Diagnostics", "YAMLLoading"],
            path: "Tests/Support"
        ),
        // A seeded Spark directory and Aircall webhook stream, as text, for routing benchmarks.
        .target(
            name: "_InteractionLoggingTestSupport",
            dependencies: ["_DecisionTableTestSupport"],
            path: "Tests/InteractionLoggingTestSupport"
        ),
        .testTarget(
            name: "DecisionTableTests",
            dependencies: ["DecisionTable", "DecisionTableReports", "Diagnostics", "YAMLLoading", "JSONLines", "_DecisionTableTestSupport"]
        ),
        .testTarget(
            name: "DecisionTableDMNTests",
            dependencies: ["DecisionTableDMN", "DecisionTable", "DecisionTableReports", "Diagnostics", "JSONLines", "_DecisionTableTestSupport"]
        ),
        .testTarget(
            name: "InteractionLoggingTests",
            dependencies: [
                "InteractionLogging", "DecisionTable", "DecisionTableReports", "Diagnostics", "YAMLLoading", "JSONLines", "_DecisionTableTestSupport",
            ]
        ),
        // ARCHITECTURE.md's import rule, checked on the sources.
        .testTarget(name: "ArchitectureTests"),
        // End-to-end tests run the built `switchboard`; depending on it makes `swift test` build it.
        // The service in-process (HummingbirdTesting) on SQLite, and on PostgreSQL when
        // SWITCHBOARD_TEST_POSTGRES_URL names a database; the durability test runs the binary.
        .testTarget(
            name: "SwitchboardServiceTests",
            dependencies: [
                "switchboard",
                "JSONLines",
                "InteractionLogging",
                "InteractionStore",
                "SwitchboardService",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "SwitchboardTests",
            dependencies: ["switchboard", "DecisionTable", "Diagnostics", "JSONLines", "_DecisionTableTestSupport"]
        ),
    ]
)
