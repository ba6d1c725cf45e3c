// swift-tools-version: 6.1
// The evaluation benchmarks, a package of their own so that the benchmark dependency and
// its malloc interposer stay out of the engine's package. Run from this folder:
//   swift package --disable-sandbox benchmark
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
                .product(name: "DecisionTableTesting", package: "Switchboard"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Evaluation",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        ),
    ]
)
