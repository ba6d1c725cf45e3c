import DecisionTable
import _DecisionTableTestSupport
import Testing
import Diagnostics
import JSONLines

/// Proves the compiled bitset evaluator against ``NaiveEvaluator`` on random rules files.
///
/// Each seed makes a rules file (see ``RandomTables``), loads it from YAML text, and
/// evaluates random facts three ways: ``DecisionTables/evaluate(_:)``, the reference, and
/// the hot path (``Evaluator/evaluate(_:)`` on a ``FactVector``), whose winners must match.
/// The seeds are split into batches so that Swift Testing runs them in parallel; a failure
/// names the seed, the file and the facts.
@Suite struct EvaluatorPropertyTests {
    /// What both evaluators must agree on: outputs and winners, or the failure.
    enum Observed: Equatable, CustomStringConvertible {
        case decided(outputs: [String: OutputValue], winners: [String: [String]])
        case failed(NaiveEvaluator.Failure)
        /// Facts the generator made were rejected: a generator bug, never a pass.
        case invalidFacts([FactProblem])

        var description: String {
            switch self {
            case .decided(let outputs, let winners):
                "outputs " + outputs.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", ")
                    + "; winners "
                    + winners.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
                    .joined(separator: ", ")
            case .failed(let failure): "\(failure)"
            case .invalidFacts(let problems): "invalid facts: " + problems.map(\.message).joined(separator: "; ")
            }
        }
    }

    /// Seeds that run together, as one test case, with the shape of their files.
    struct Batch: Sendable, CustomTestStringConvertible {
        var seeds: Range<UInt64>
        var maximumRules: Int
        var facts: Int

        var testDescription: String {
            "seeds \(seeds.lowerBound)..<\(seeds.upperBound), up to \(maximumRules) rules, \(facts) facts each"
        }
    }

    /// 1,000 files of up to 40 rules in 8 batches that run in parallel, then fewer files of
    /// wider tables, whose bitsets span several words (past 64 rules) and several blocks of
    /// eight words (past 512), with fewer facts each because the reference reads every rule.
    static let batches: [Batch] =
        (0..<8).map {
            Batch(seeds: UInt64($0 * 125)..<UInt64($0 * 125 + 125), maximumRules: 40, facts: 1_000)
        } + [
            Batch(seeds: 1_000_000..<1_000_020, maximumRules: 200, facts: 250),
            Batch(seeds: 1_000_020..<1_000_040, maximumRules: 200, facts: 250),
            Batch(seeds: 2_000_000..<2_000_020, maximumRules: 1_100, facts: 100),
        ]

    @Test("The compiled evaluator agrees with the naive reference", arguments: batches)
    func compiledAgreesWithNaive(batch: Batch) {
        for seed in batch.seeds {
            check(RandomTables.rulesFile(seed: seed, maximumRules: batch.maximumRules), facts: batch.facts)
        }
    }

    /// Loads `file` and compares both evaluators on `count` random facts; stops at the first
    /// disagreement so that one bug reports once per file.
    private func check(_ file: RandomRulesFile, facts count: Int) {
        let tables: DecisionTables
        do {
            tables = try file.load()
        } catch {
            Issue.record("the generated file does not load:\n\(DiagnosticsFormatter().format(error.diagnostics, sources: error.sources))\(file)")
            return
        }
        let facts = RandomFacts(tables)
        var random = SeededGenerator(seed: file.seed ^ 0xFAC7_5EED)
        let first = facts.next(using: &random)
        guard var hotPath = HotPath(tables, facts: first, recordsAllMatches: file.seed % 2 == 0) else {
            Issue.record("the generated facts do not encode: \(Self.reproduce(file, first))")
            return
        }
        // Small domains repeat facts; the reference is a pure function of them, and the slower
        // side, so its answers are kept. The engine still runs on every one of the facts.
        var reference: [[String: Value]: Observed] = [:]
        var given = first
        for _ in 0..<count {
            let compiled = Self.compiled(tables, given)
            let naive = reference[given] ?? Self.naive(tables, given)
            reference[given] = naive
            let hot = hotPath.winners(given)
            let expectedHot = Self.winnersOnly(compiled)
            guard compiled == naive, hot == expectedHot else {
                #expect(compiled == naive, "compiled vs naive, \(Self.reproduce(file, given))")
                #expect(hot == expectedHot, "Evaluator.evaluate(FactVector) vs evaluate(_:), \(Self.reproduce(file, given))")
                return
            }
            given = facts.next(using: &random)
        }
    }

    static func compiled(_ tables: DecisionTables, _ facts: [String: Value]) -> Observed {
        do {
            let evaluation = try tables.evaluate(facts)
            return .decided(
                outputs: Dictionary(uniqueKeysWithValues: evaluation.outputs.map { ($0.name, $0.value) }),
                winners: Dictionary(uniqueKeysWithValues: evaluation.tables.map { ($0.name, $0.winners) }))
        } catch {
            return observed(error)
        }
    }

    static func naive(_ tables: DecisionTables, _ facts: [String: Value]) -> Observed {
        switch NaiveEvaluator.evaluate(tables.tables, facts: facts) {
        case .success(let outcome): .decided(outputs: outcome.outputs, winners: outcome.winners)
        case .failure(let failure): .failed(failure)
        }
    }

    /// The hot path as a caller drives it: one ``Evaluator`` for every run, so that state
    /// left by one run cannot leak into the next unnoticed, and one ``FactVector`` refilled in
    /// place with ``FactVector/set(_:at:)``.
    struct HotPath {
        let tables: DecisionTables
        let evaluator: Evaluator
        var vector: FactVector

        /// Starts from facts that ``DecisionTables/encode(_:)`` accepts; nil when it does not.
        init?(_ tables: DecisionTables, facts: [String: Value], recordsAllMatches: Bool) {
            guard let vector = try? tables.encode(facts) else { return nil }
            self.tables = tables
            self.vector = vector
            evaluator = tables.makeEvaluator()
            evaluator.recordsAllMatches = recordsAllMatches
        }

        /// The winners per table (outputs are checked through `evaluate(_:)` only), or the error.
        mutating func winners(_ facts: [String: Value]) -> Observed {
            for (slot, fact) in tables.facts.enumerated() {
                switch (fact.domain, facts[fact.name]) {
                case (.integer, .integer(let number)?): vector.set(number, at: slot)
                case (.boolean, .boolean(let flag)?): vector.set(flag ? 1 : 0, at: slot)
                case (.enumeration(let names), .string(let name)?): vector.set(names.firstIndex(of: name)!, at: slot)
                default: return .invalidFacts([FactProblem(name: fact.name, message: "not encodable by hand")])
                }
            }
            do {
                try evaluator.evaluate(vector)
            } catch {
                return observed(error)
            }
            var winners: [String: [String]] = [:]
            for (t, table) in tables.tables.enumerated() {
                var ids = evaluator.winners(ofTable: t).map { table.rules[Int($0)].id }
                if evaluator.usedDefaults(ofTable: t) != ids.isEmpty {
                    ids.append("<usedDefaults is \(evaluator.usedDefaults(ofTable: t))>")
                }
                winners[table.name] = ids
            }
            return .decided(outputs: [:], winners: winners)
        }
    }

    static func winnersOnly(_ observed: Observed) -> Observed {
        if case .decided(_, let winners) = observed { return .decided(outputs: [:], winners: winners) }
        return observed
    }

    /// The engine's error reduced to what the reference reports.
    static func observed(_ error: EvaluationError) -> Observed {
        switch error {
        case .invalidFacts(let problems): .invalidFacts(problems)
        case .multipleMatches(let table, let rules): .failed(.multipleMatches(table: table, rules: rules))
        case .conflictingMatches(let table, let rules): .failed(.conflictingMatches(table: table, rules: rules))
        case .noMatch(let table, _): .failed(.noMatch(table: table))
        case .chainedValueOutOfRange(let table, let input, _): .failed(.chainedValueOutOfRange(table: table, input: input))
        }
    }

    /// Everything needed to replay a failure by hand: the facts as JSON (strings quoted, so
    /// that the enum value "1" and the integer 1 differ), the seed and the file.
    static func reproduce(_ file: RandomRulesFile, _ facts: [String: Value]) -> String {
        let given = facts.sorted { $0.key < $1.key }.map { name, value in
            if case .string(let text) = value { return "\"\(name)\": \"\(text)\"" }
            return "\"\(name)\": \(value)"
        }
        return "facts {\(given.joined(separator: ", "))}\n\(file)"
    }
}
