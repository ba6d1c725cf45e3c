import Benchmark
import DecisionTable
import _DecisionTableTestSupport
import Foundation

// Validation speed: the full analysis (gaps, overlaps and subsumed rules under `unique`,
// gaps and shadowed rules under `first`, duplicates and unused values under both) that
// `Validator.findings(for:)` runs on tables already loaded, one analysis per iteration.
//
// - "analysis N×15": generated tables of 1,000, 10,000 and 100,000 rules over 15 inputs
//   (ten enums of 4 to 16 values, five integers 0...999; `ValidationTables`, fixed seeds):
//   decision trees written out flat, with 3 rules dropped (gaps) and 3 widened copies
//   (overlaps). The same rules are analysed under `unique` and under `first`. Loading is
//   excluded, except in "load and analysis", which times `DecisionTables(bytes:)` on the
//   YAML text plus the analysis, as `switchboard validate` does minus reading the file.
// - "crossover": the same generator over 3 to 7 inputs of small domains (enums of 4 to 8
//   values, integers 0...15) and 200 rules, analysed by the partition and by
//   `BruteForceValidator`, which visits every point of the input space (its answers: the
//   uncovered points, duplicates, and the overlapping pairs). Both get the same loaded
//   table; before timing, the brute-force process checks that the two find the same overlaps.
//   Enumeration grows with the number of points, the partition with the rules.
//
// - "recipe ...": the tables of `AnalysisWorkloads`, analysed under the default budget (1 GiB,
//   60 s), loaded beforehand: the published recipe (a decision tree over 5 enum and 10 integer
//   inputs, 10 % of the rules widened and 10 % shrunk; 1,500, 10,000 and 100,000 rules),
//   random boxes (10 and 15 inputs; 500, 2,000 and 10,000 rules), and the hostile shapes
//   (small files whose gaps are a vast number of boxes, where the budget stops the cut and the
//   report is partial).
// - "random crossover": random boxes (not trees) over 6 inputs of small domains, 200 rules,
//   by the partition and by `BruteForceValidator`, as in "crossover".
//
//   cd Benchmarks && swift package --disable-sandbox benchmark --target Validation

/// Generated tables, each built once per process on first use (package-benchmark runs each
/// benchmark in a process of its own, so a process builds only the table it measures).
enum ValidationFixture {
    /// The large tables' inputs.
    static let columns = ValidationTables.standardColumns(seed: 1)

    /// The rules file of `ruleCount` rules over ``columns``.
    static func yaml(_ ruleCount: Int, _ policy: HitPolicy) -> String {
        ValidationTables.yaml(ruleCount: ruleCount, columns: columns, hitPolicy: policy)
    }

    static func load(_ yaml: String) -> [TableDefinition] {
        do { return try ValidationTables.load(yaml).tables } catch { fatalError("a generated table: \(error)") }
    }

    static let unique1k = load(yaml(1_000, .unique))
    static let first1k = load(yaml(1_000, .first))
    static let unique10k = load(yaml(10_000, .unique))
    static let first10k = load(yaml(10_000, .first))
    static let unique100k = load(yaml(100_000, .unique))
    static let first100k = load(yaml(100_000, .first))
    static let unique10kBytes = Array(yaml(10_000, .unique).utf8)

    // MARK: Crossover

    static let crossoverRules = 200
    static let crossoverInputs = 3...7

    static func crossoverColumns(_ inputs: Int) -> [ValidationTables.Column] {
        ValidationTables.columns(count: inputs, enumValues: 4...8, integerBounds: 0...15, seed: 7)
    }

    /// The number of points of the crossover table over `inputs` inputs.
    static func points(_ inputs: Int) -> Int {
        crossoverColumns(inputs).reduce(1) { product, column in
            switch column {
            case .enumeration(let count): product * count
            case .integer(let bounds): product * bounds.count
            }
        }
    }

    /// Random boxes over small domains, 200 rules, for the brute-force comparison.
    static let randomCrossover = load(
        RandomBoxTables.yaml(
            ruleCount: crossoverRules, columns: crossoverColumns(6), constrained: 1...4, seed: 9))

    /// The crossover tables, by number of inputs.
    static let crossover: [Int: [TableDefinition]] = Dictionary(
        uniqueKeysWithValues: crossoverInputs.map { inputs in
            (inputs, load(ValidationTables.yaml(ruleCount: crossoverRules, columns: crossoverColumns(inputs))))
        })

    /// What enumeration answers, all of it: a table's uncovered points, duplicate rules and
    /// overlapping pairs.
    static func enumerate(_ tables: [TableDefinition]) -> (uncovered: Int, duplicates: Int, overlapping: Int) {
        let brute = BruteForceValidator(table: tables[0], tables: tables)
        return (brute.uncovered.count, brute.duplicates.count, brute.overlapping.count)
    }

    /// Stops the process unless the partition and enumeration find the same overlapping pairs
    /// (the generated rules have no duplicates and distinct outputs, so every pair of rules in
    /// an overlap group overlaps and is reported).
    static func checkAgreement(_ tables: [TableDefinition]) {
        var pairs = Set<[String]>()
        for finding in Validator.findings(for: tables) where finding.diagnostic.code == "overlap" {
            for (i, a) in finding.rules.enumerated() {
                for b in finding.rules[(i + 1)...] { pairs.insert([a, b]) }
            }
        }
        let enumerated = enumerate(tables)
        precondition(
            enumerated.duplicates == 0 && pairs.count == enumerated.overlapping,
            "the partition finds \(pairs.count) overlapping pairs, enumeration \(enumerated.overlapping)")
    }
}

let benchmarks: @Sendable () -> Void = {
    let metrics: [BenchmarkMetric] = [.wallClock, .mallocCountTotal, .peakMemoryResident]

    /// One full analysis of pre-loaded tables per iteration.
    func analysis(
        _ name: String, units: BenchmarkTimeUnits = .milliseconds, maxIterations: Int,
        _ tables: @escaping @Sendable () -> [TableDefinition]
    ) {
        Benchmark(
            name,
            configuration: .init(
                metrics: metrics, timeUnits: units, warmupIterations: 1,
                maxDuration: .seconds(60), maxIterations: maxIterations)
        ) { benchmark in
            let tables = tables()
            benchmark.startMeasurement()
            blackHole(Validator.findings(for: tables))
            benchmark.stopMeasurement()
        }
    }

    analysis("analysis 1000x15 unique", units: .microseconds, maxIterations: 100) { ValidationFixture.unique1k }
    analysis("analysis 1000x15 first", units: .microseconds, maxIterations: 100) { ValidationFixture.first1k }
    analysis("analysis 10000x15 unique", maxIterations: 20) { ValidationFixture.unique10k }
    analysis("analysis 10000x15 first", maxIterations: 20) { ValidationFixture.first10k }
    // Under a second each, after some 6 seconds of generating and loading.
    analysis("analysis 100000x15 unique", maxIterations: 5) { ValidationFixture.unique100k }
    analysis("analysis 100000x15 first", maxIterations: 5) { ValidationFixture.first100k }

    // Loading (YAML parsing, decoding, checking, compiling) and then the analysis.
    Benchmark(
        "load and analysis 10000x15 unique",
        configuration: .init(
            metrics: metrics, timeUnits: .milliseconds, warmupIterations: 1,
            maxDuration: .seconds(60), maxIterations: 10)
    ) { benchmark in
        let bytes = ValidationFixture.unique10kBytes
        benchmark.startMeasurement()
        do {
            let tables = try DecisionTables(
                bytes: bytes, file: "generated.yaml",
                limits: YAMLLimits(maximumBytes: bytes.count, maximumDepth: 64))
            blackHole(Validator.findings(for: tables.tables))
        } catch {
            fatalError("the generated table: \(error)")
        }
        benchmark.stopMeasurement()
    }

    // The crossover: the same table analysed by the partition and by enumeration.
    for inputs in ValidationFixture.crossoverInputs {
        let label = "crossover \(ValidationFixture.crossoverRules) rules x \(inputs) inputs (\(ValidationFixture.points(inputs)) points)"
        Benchmark(
            "\(label), partition",
            configuration: .init(
                metrics: metrics, timeUnits: .microseconds, warmupIterations: 1,
                maxDuration: .seconds(10), maxIterations: 100)
        ) { benchmark in
            let tables = ValidationFixture.crossover[inputs]!
            benchmark.startMeasurement()
            blackHole(Validator.findings(for: tables))
            benchmark.stopMeasurement()
        }
        // About a second per analysis at 7 inputs: a few iterations.
        Benchmark(
            "\(label), brute force",
            configuration: .init(
                metrics: metrics, timeUnits: .microseconds, warmupIterations: 1,
                maxDuration: .seconds(30), maxIterations: inputs >= 7 ? 3 : inputs >= 6 ? 10 : 100,
                setup: { ValidationFixture.checkAgreement(ValidationFixture.crossover[inputs]!) })
        ) { benchmark in
            let tables = ValidationFixture.crossover[inputs]!
            benchmark.startMeasurement()
            blackHole(ValidationFixture.enumerate(tables))
            benchmark.stopMeasurement()
        }
    }

    // The same random table analysed by the partition and by enumeration.
    let randomLabel = "random crossover \(ValidationFixture.crossoverRules) rules x 6 inputs (\(ValidationFixture.points(6)) points)"
    Benchmark(
        "\(randomLabel), partition",
        configuration: .init(
            metrics: metrics, timeUnits: .microseconds, warmupIterations: 1,
            maxDuration: .seconds(10), maxIterations: 100)
    ) { benchmark in
        let tables = ValidationFixture.randomCrossover
        benchmark.startMeasurement()
        blackHole(Validator.findings(for: tables))
        benchmark.stopMeasurement()
    }
    Benchmark(
        "\(randomLabel), brute force",
        configuration: .init(
            metrics: metrics, timeUnits: .microseconds, warmupIterations: 1,
            maxDuration: .seconds(30), maxIterations: 10,
            setup: { ValidationFixture.checkAgreement(ValidationFixture.randomCrossover) })
    ) { benchmark in
        let tables = ValidationFixture.randomCrossover
        benchmark.startMeasurement()
        blackHole(ValidationFixture.enumerate(tables))
        benchmark.stopMeasurement()
    }

    // The recipes, each in a process of its own (the table is built there).
    for table in AnalysisWorkloads.tables {
        Benchmark(
            "recipe \(table.name)",
            configuration: .init(
                metrics: metrics, timeUnits: .milliseconds, warmupIterations: 0,
                maxDuration: .seconds(120), maxIterations: 3)
        ) { benchmark in
            let tables = ValidationFixture.load(table.yaml())
            benchmark.startMeasurement()
            blackHole(Validator.findings(for: tables))
            benchmark.stopMeasurement()
        }
    }
}
