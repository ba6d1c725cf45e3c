import DecisionTable
import _DecisionTableTestSupport
import Testing

/// The random rules files cover what ``EvaluatorPropertyTests`` relies on: a generator that
/// drifted into producing only easy tables would let that suite pass while proving little.
@Suite struct RandomTablesTests {
    /// The seeds of the property suite's main batches.
    static let seeds = UInt64(0)..<1_000

    @Test("The same seed makes the same file")
    func deterministic() {
        for seed in UInt64(0)..<20 {
            #expect(RandomTables.rulesFile(seed: seed).yaml == RandomTables.rulesFile(seed: seed).yaml)
        }
        #expect(RandomTables.rulesFile(seed: 1).yaml != RandomTables.rulesFile(seed: 2).yaml)
    }

    @Test("The files load and cover every policy, domain, cell form and output kind")
    func coverage() throws {
        var seen = Set<String>()
        for seed in Self.seeds {
            let file = RandomTables.rulesFile(seed: seed)
            let tables = try file.load()
            if tables.tables.count > 1 {
                seen.insert("chained")
                // The producer is always t0; the loader must run it first wherever it is written.
                if !file.yaml.contains("tables:\n  - name: t0\n") { seen.insert("reader written first") }
            }
            for table in tables.tables {
                seen.insert("hit \(table.hitPolicy)")
                seen.insert(table.rules.isEmpty ? "no rules" : table.rules.count > 30 ? "over 30 rules" : "some rules")
                for input in table.inputs {
                    seen.insert(Self.kind(input.domain) + (input.producer == nil ? "" : " chained"))
                }
                for output in table.outputs {
                    seen.insert("output \(Self.kind(output.type)) \(output.defaultValue == nil ? "without" : "with") default")
                }
                for rule in table.rules {
                    for (input, condition) in zip(table.inputs, rule.conditions) {
                        seen.formUnion(Self.forms(condition.text, integer: input.domain.finiteCount == nil))
                    }
                }
            }
        }
        var expected: Set<String> = [
            "chained", "reader written first", "no rules", "some rules", "over 30 rules",
            "enum", "boolean", "integer", "integer min", "integer max", "integer min max",
            "enum chained", "boolean chained", "integer chained", "integer min max chained",
            "wildcard", "value", "list", "not",
            ">=", ">", "<=", "<", "==", "!=", "range", "comparison in a list", "range in a not",
        ]
        expected.formUnion(RandomTables.hitPolicies.map { "hit \($0)" })
        for kind in ["enum", "integer", "string", "boolean"] {
            expected.formUnion(["output \(kind) with default", "output \(kind) without default"])
        }
        #expect(expected.subtracting(seen).isEmpty, "never generated: \(expected.subtracting(seen).sorted())")
    }

    @Test("Evaluating the files meets every outcome")
    func outcomes() throws {
        var seen = Set<String>()
        for seed in Self.seeds.prefix(300) {
            let tables = try RandomTables.rulesFile(seed: seed).load()
            let facts = RandomFacts(tables)
            var random = SeededGenerator(seed: seed)
            for _ in 0..<20 {
                do {
                    let result = try tables.evaluate(facts.next(using: &random))
                    seen.insert("decided")
                    if result.tables.contains(where: \.usedDefaults) { seen.insert("defaults") }
                    if result.tables.contains(where: { $0.winners.count > 1 }) { seen.insert("several winners") }
                } catch {
                    switch error {
                    case .multipleMatches: seen.insert("multiple")
                    case .conflictingMatches: seen.insert("conflicting")
                    case .noMatch: seen.insert("no match")
                    case .chainedValueOutOfRange: seen.insert("out of range")
                    case .invalidFacts: seen.insert("invalid facts")
                    }
                }
            }
        }
        #expect(!seen.contains("invalid facts"))
        let expected: Set<String> = ["decided", "defaults", "several winners", "multiple", "conflicting", "no match", "out of range"]
        #expect(expected.subtracting(seen).isEmpty, "never met: \(expected.subtracting(seen).sorted())")
    }

    static func kind(_ domain: Domain) -> String {
        switch domain {
        case .enumeration: "enum"
        case .boolean: "boolean"
        case .integer(let low, let high): "integer" + (low == nil ? "" : " min") + (high == nil ? "" : " max")
        }
    }

    static func kind(_ type: OutputType) -> String {
        switch type {
        case .enumeration: "enum"
        case .integer: "integer"
        case .string: "string"
        case .boolean: "boolean"
        case .number: "number"
        }
    }

    /// The forms a cell's text shows, as the loader keeps it (`[0, ">= 2"]` is `[0, >= 2]`).
    static func forms(_ text: String, integer: Bool) -> Set<String> {
        if text == "-" { return ["wildcard"] }
        var forms: Set<String> = []
        var body = Substring(text)
        if body.hasPrefix("{not: ") {
            forms.insert("not")
            body = body.dropFirst("{not: ".count).dropLast()
        }
        if body.hasPrefix("[") {
            forms.insert("list")
            body = body.dropFirst().dropLast()
        }
        if forms.isEmpty { forms.insert("value") }
        guard integer else { return forms }
        for item in body.split(separator: ",").map({ $0.drop(while: { $0 == " " }) }) {
            if let op = [">=", "<=", "==", "!=", ">", "<"].first(where: { item.hasPrefix($0) }) {
                forms.insert(op)
                if forms.contains("list") { forms.insert("comparison in a list") }
            } else if item.contains("..") {
                forms.insert("range")
                if forms.contains("not") { forms.insert("range in a not") }
            }
        }
        return forms
    }
}
