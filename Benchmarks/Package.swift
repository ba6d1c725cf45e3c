// swift-tools-version: 6.1
// The evaluation and routing benchmarks, a package of their own so that the benchmark
// dependency and its malloc interposer stay out of the engine's package. Run from this folder:
//   swift package --disable-sandbox benchmark
//   swift package --disable-sandbox benchmark --target Routing
//   swift package --disable-sandbox benchmark --target Validation
//   swift package --disable-sandbox benchmark --target Diff
// and write the routing workload as files, for timing `switchboard route` itself:
//   swift run -c release routing-workload /tmp/routing --contacts 100000 --events 1000000
// and the validation and diff tables, for timing `switchboard validate` and `switchboard diff`:
//   swift run -c release analysis-workload /tmp/analysis
import PackageDescription

let package = Package(
    name: "SwitchboardBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Switchboard", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // package-benchmark finds executable targets in Benchmarks/<Target>/.
        .executableTarget(
            name: "Evaluation",
            dependencies: [
                .product(name: "DecisionTable", package: "Switchboard"),
                .product(name: "_DecisionTableTestSupport", package: "Switchboard"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Evaluation",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        ),
        // Routing end to end (input splitting, parsing, routing on 2 threads, rendering) on a
        // generated 100,000-contact directory, against a naive Foundation baseline.
        .executableTarget(
            name: "Routing",
            dependencies: [
                .product(name: "DecisionTable", package: "Switchboard"),
                .product(name: "_DecisionTableTestSupport", package: "Switchboard"),
                .product(name: "_InteractionLoggingTestSupport", package: "Switchboard"),
                .product(name: "InteractionLogging", package: "Switchboard"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Routing",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        ),
        // Validation: full analysis (gaps, overlaps, shadowed) of generated 15-input tables of
        // 1,000 to 100,000 rules, and the partition against brute-force enumeration.
        .executableTarget(
            name: "Validation",
            dependencies: [
                .product(name: "DecisionTable", package: "Switchboard"),
                .product(name: "_DecisionTableTestSupport", package: "Switchboard"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Validation",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        ),
        // Semantic diff of two versions of a generated 15-input table of 10,000 or 100,000
        // rules that differ in four rules.
        .executableTarget(
            name: "Diff",
            dependencies: [
                .product(name: "DecisionTable", package: "Switchboard"),
                .product(name: "_DecisionTableTestSupport", package: "Switchboard"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Diff",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        ),
        // Not a benchmark (package-benchmark runs only targets in Benchmarks/): writes the
        // routing workload's directory and events as files.
        .executableTarget(
            name: "routing-workload",
            dependencies: [
                .product(name: "_InteractionLoggingTestSupport", package: "Switchboard"),
            ],
            path: "Tools/RoutingWorkload"
        ),
        // Not a benchmark either: writes the validation and diff tables as files.
        .executableTarget(
            name: "analysis-workload",
            dependencies: [
                .product(name: "DecisionTable", package: "Switchboard"),
                .product(name: "_DecisionTableTestSupport", package: "Switchboard"),
            ],
            path: "Tools/AnalysisWorkload"
        ),
    ]
)
