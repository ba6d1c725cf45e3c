import Benchmark
import DecisionTable
import _DecisionTableTestSupport
import Foundation

// Semantic diff speed: `SemanticDiff.diff(old:new:)` on two versions of a generated table of
// 10,000 (and 100,000) rules over 15 inputs (`ValidationTables`, fixed seed) that differ in
// four rules: an output changed, a rule deleted, a rule duplicated with another output, a
// cell narrowed. Loading is excluded, except in "load both and diff", which times
// `SemanticDiff.tables(contentsOf:)` on both files plus the diff, as `switchboard diff` does
// (which loads the two files on two threads; here they load one after the other).
//
// "diff random 500x10": two versions of a random (not tree) table of 500 rules over 10 inputs
// that differ in four rules (`AnalysisWorkloads.diffPair`), under `unique` and `first`, within
// the default budget.
//
//   cd Benchmarks && swift package --disable-sandbox benchmark --target Diff

/// The two versions, each pair built once per process on first use.
enum DiffFixture {
    static let columns = ValidationTables.standardColumns(seed: 1)

    /// The generated file, and a copy with four rules edited.
    static func versions(_ ruleCount: Int, _ policy: HitPolicy) -> (old: String, new: String) {
        let old = ValidationTables.yaml(ruleCount: ruleCount, columns: columns, hitPolicy: policy)
        var lines = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func line(_ id: String) -> Int { lines.firstIndex { $0.contains("{ id: \(id), ") }! }
        let k = ruleCount / 10
        lines[line("r\(k)")] = lines[line("r\(k)")].replacingOccurrences(of: "then: { o: \(k) }", with: "then: { o: -1 }")
        // Narrow the first enum cell that lists several values to its first value.
        let narrowed = line("r\(2 * k)")
        if let open = lines[narrowed].range(of: ": [v"), let close = lines[narrowed][open.upperBound...].firstIndex(of: "]") {
            let first = lines[narrowed][open.upperBound..<close].prefix { $0 != "," }
            lines[narrowed].replaceSubrange(open.lowerBound...close, with: ": v" + first)
        }
        lines.remove(at: line("r\(5 * k)"))
        let copy = lines[line("r\(7 * k)")]
            .replacingOccurrences(of: "id: r\(7 * k),", with: "id: copy,")
            .replacingOccurrences(of: "then: { o: \(7 * k) }", with: "then: { o: -2 }")
        lines.insert(copy, at: line("r\(3 * k)"))
        return (old, lines.joined(separator: "\n"))
    }

    static func load(_ yaml: String) -> [TableDefinition] {
        do { return try ValidationTables.load(yaml).tables } catch { fatalError("a generated table: \(error)") }
    }

    static func loaded(_ ruleCount: Int, _ policy: HitPolicy) -> (old: [TableDefinition], new: [TableDefinition]) {
        let (old, new) = versions(ruleCount, policy)
        let pair = (load(old), load(new))
        precondition(!SemanticDiff.diff(old: pair.0, new: pair.1).changes.isEmpty, "the edits change nothing")
        return pair
    }

    static let unique10k = loaded(10_000, .unique)
    static let first10k = loaded(10_000, .first)
    static let unique100k = loaded(100_000, .unique)

    /// The 10,000-rule versions as files, for loading as the command does.
    static let files: (old: URL, new: URL) = {
        let folder = FileManager.default.temporaryDirectory.appending(path: "diff-benchmark-\(ProcessInfo.processInfo.processIdentifier)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let (old, new) = versions(10_000, .unique)
        let urls = (folder.appending(path: "old.yaml"), folder.appending(path: "new.yaml"))
        try! Data(old.utf8).write(to: urls.0)
        try! Data(new.utf8).write(to: urls.1)
        return urls
    }()
}

let benchmarks: @Sendable () -> Void = {
    let metrics: [BenchmarkMetric] = [.wallClock, .mallocCountTotal, .peakMemoryResident]

    func diff(_ name: String, maxIterations: Int, _ pair: @escaping @Sendable () -> (old: [TableDefinition], new: [TableDefinition])) {
        Benchmark(
            name,
            configuration: .init(
                metrics: metrics, timeUnits: .milliseconds, warmupIterations: 1,
                maxDuration: .seconds(60), maxIterations: maxIterations)
        ) { benchmark in
            let (old, new) = pair()
            benchmark.startMeasurement()
            blackHole(SemanticDiff.diff(old: old, new: new))
            benchmark.stopMeasurement()
        }
    }

    diff("diff 10000x15 unique, 4 rules edited", maxIterations: 20) { DiffFixture.unique10k }
    diff("diff 10000x15 first, 4 rules edited", maxIterations: 20) { DiffFixture.first10k }
    diff("diff 100000x15 unique, 4 rules edited", maxIterations: 5) { DiffFixture.unique100k }

    Benchmark(
        "load both and diff 10000x15 unique",
        configuration: .init(
            metrics: metrics, timeUnits: .milliseconds, warmupIterations: 1,
            maxDuration: .seconds(60), maxIterations: 10)
    ) { benchmark in
        let (old, new) = DiffFixture.files
        benchmark.startMeasurement()
        do {
            blackHole(SemanticDiff.diff(old: try SemanticDiff.tables(contentsOf: old), new: try SemanticDiff.tables(contentsOf: new)))
        } catch {
            fatalError("the generated files: \(error)")
        }
        benchmark.stopMeasurement()
    }

    for policy in [HitPolicy.unique, .first] {
        Benchmark(
            "diff random 500x10 \(policy), 4 rules edited",
            configuration: .init(
                metrics: metrics, timeUnits: .milliseconds, warmupIterations: 0,
                maxDuration: .seconds(60), maxIterations: 5)
        ) { benchmark in
            let (_, old, new) = AnalysisWorkloads.diffPair(policy)
            let pair = (DiffFixture.load(old), DiffFixture.load(new))
            benchmark.startMeasurement()
            blackHole(SemanticDiff.diff(old: pair.0, new: pair.1))
            benchmark.stopMeasurement()
        }
    }
}
