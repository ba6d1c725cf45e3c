// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Switchboard",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "DecisionTable", targets: ["DecisionTable"]),
        // The naive reference evaluator and random tables, shared by the tests and Benchmarks/.
        .library(name: "DecisionTableTesting", targets: ["DecisionTableTesting"]),
        .library(name: "InteractionLogging", targets: ["InteractionLogging"]),
        .executable(name: "switchboard", targets: ["switchboard"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // libyaml from the system (Debian: libyaml-dev). Imported by exactly one Swift file.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // The generic engine: YAML loading, compiling, evaluation. Knows nothing of any domain.
        .target(
            name: "DecisionTable",
            dependencies: ["CYAML"]
        ),
        // Aircall-to-Spark routing: events and the Spark directory become facts; the shipped
        // rules decide. Built on the engine; the engine never imports it.
        .target(
            name: "InteractionLogging",
            dependencies: ["DecisionTable"],
            resources: [.copy("Resources/interaction-logging.yaml")]
        ),
        // The command-line tool: parses arguments, calls the libraries, prints.
        .executableTarget(
            name: "switchboard",
            dependencies: [
                "DecisionTable",
                "InteractionLogging",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Normalises phone numbers in batch, one `REGION<TAB>NUMBER` line at a time, for the
        // differential test against libphonenumber (Scripts/phone-differential).
        .executableTarget(
            name: "phone-normalize",
            dependencies: ["InteractionLogging"]
        ),
        .target(
            name: "DecisionTableTesting",
            dependencies: ["DecisionTable"],
            path: "Tests/Support"
        ),
        .testTarget(
            name: "DecisionTableTests",
            dependencies: ["DecisionTable", "DecisionTableTesting"]
        ),
        // End-to-end tests run the built `switchboard`; depending on it makes `swift test` build it.
        .testTarget(
            name: "InteractionLoggingTests",
            dependencies: ["InteractionLogging", "DecisionTable"]
        ),
        .testTarget(
            name: "SwitchboardTests",
            dependencies: ["switchboard", "DecisionTable"]
        ),
    ]
)
