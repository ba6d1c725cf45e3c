import Benchmark
import DecisionTable
import _DecisionTableTestSupport
import Foundation

// Evaluation speed of the compiled evaluator against the naive reference scan, on the example
// table and on a generated 10,000-rule table. Every number printed is per evaluation: the
// compiled benchmarks and the naive one on contact.yaml run 1,000 evaluations per iteration
// (`scalingFactor: .kilo`, scaled back to one evaluation in the output, the rows marked `*`),
// the naive one on the large table one (`.one`). With `--scale`, the `*` rows are per
// iteration instead: per 1,000 evaluations, where a malloc count below 1 per evaluation shows.
//
//   cd Benchmarks && swift package --disable-sandbox benchmark

/// A rules file with fact sets drawn for it, built once per process on first use.
struct Fixture: Sendable {
    /// How many fact sets each benchmark cycles through, so that branch prediction does not
    /// learn one input; a power of two, indexed with a mask.
    static let factCount = 1_024

    let tables: DecisionTables
    let vectors: [FactVector]
    let facts: [[String: Value]]

    init(_ tables: DecisionTables) {
        self.tables = tables
        facts = BenchmarkTables.randomFacts(for: tables, count: Self.factCount)
        vectors = BenchmarkTables.randomFactVectors(for: tables, count: Self.factCount)
        checkAgreement()
    }

    /// Both evaluators pick the same winner of the last table on the first facts: the two
    /// benchmarks of a fixture measure the same work.
    private func checkAgreement() {
        let evaluator = tables.makeEvaluator()
        let last = tables.tables.count - 1
        for (vector, named) in zip(vectors, facts).prefix(16) {
            do { try evaluator.evaluate(vector) } catch { fatalError("evaluation failed: \(error)") }
            guard case .success(let outcome) = NaiveEvaluator.evaluate(tables.tables, facts: named) else {
                fatalError("the naive evaluator decided nothing for \(named)")
            }
            let winner = tables.tables[last].rules[Int(evaluator.winners(ofTable: last)[0])].id
            precondition(outcome.winners[tables.tables[last].name] == [winner], "the evaluators disagree on \(named)")
        }
    }

    /// Examples/contact.yaml: two chained tables (unique, then first), 3 and 6 rules.
    static let contact: Fixture = {
        let root = URL(filePath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        do {
            return Fixture(try DecisionTables(contentsOf: root.appending(path: "Examples/contact.yaml")))
        } catch {
            fatalError("Examples/contact.yaml: \(error)")
        }
    }()

    /// The generated first-hit table: 10,000 rules × 12 columns (8 enums, 4 integers).
    static let generated: Fixture = {
        do {
            return Fixture(
                try DecisionTables(
                    yaml: BenchmarkTables.generatedTableYAML(ruleCount: 10_000),
                    file: "generated.yaml"))
        } catch {
            fatalError("the generated table: \(error)")
        }
    }()
}

let benchmarks: @Sendable () -> Void = {
    let metrics: [BenchmarkMetric] = [.throughput, .wallClock, .mallocCountTotal]

    /// The hot path: a reused evaluator on pre-encoded facts, 1,000 evaluations per iteration.
    func compiled(_ name: String, _ fixture: @escaping @Sendable () -> Fixture) {
        Benchmark(name, configuration: .init(metrics: metrics, scalingFactor: .kilo)) { benchmark in
            let fixture = fixture()
            let evaluator = fixture.tables.makeEvaluator()
            let vectors = fixture.vectors
            let last = fixture.tables.tables.count - 1
            // Start each iteration elsewhere in the facts, so iterations do not repeat one sequence.
            let start = benchmark.currentIteration &* benchmark.scaledIterations.count
            benchmark.startMeasurement()
            for i in benchmark.scaledIterations {
                try evaluator.evaluate(vectors[(start &+ i) & (Fixture.factCount - 1)])
                blackHole(evaluator.winners(ofTable: last)[0])
            }
            benchmark.stopMeasurement()
        }
    }

    /// The reference: a scan over every rule and cell on named facts.
    func naive(_ name: String, scalingFactor: BenchmarkScalingFactor, _ fixture: @escaping @Sendable () -> Fixture) {
        Benchmark(name, configuration: .init(metrics: metrics, scalingFactor: scalingFactor)) { benchmark in
            let fixture = fixture()
            let tables = fixture.tables.tables
            let facts = fixture.facts
            let start = benchmark.currentIteration &* benchmark.scaledIterations.count
            benchmark.startMeasurement()
            for i in benchmark.scaledIterations {
                blackHole(NaiveEvaluator.evaluate(tables, facts: facts[(start &+ i) & (Fixture.factCount - 1)]))
            }
            benchmark.stopMeasurement()
        }
    }

    compiled("contact.yaml, compiled evaluator") { Fixture.contact }
    naive("contact.yaml, naive scan", scalingFactor: .kilo) { Fixture.contact }
    compiled("generated 10000x12 first, compiled evaluator") { Fixture.generated }
    // About a millisecond per evaluation: one per iteration.
    naive("generated 10000x12 first, naive scan", scalingFactor: .one) { Fixture.generated }
}
