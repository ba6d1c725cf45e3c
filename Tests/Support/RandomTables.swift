import DecisionTable
import Diagnostics

/// A rules file made up from a seed, as YAML text in the real file format.
///
/// The tables are written out as text, not built as ``TableDefinition``s, so that every
/// property test runs the YAML parser, the decoder, the chain resolver and the compiler too.
public struct RandomRulesFile: Sendable, CustomStringConvertible {
    /// The seed the file was made from: the same seed always gives the same text.
    public let seed: UInt64
    /// The rules file.
    public let yaml: String

    /// The path diagnostics name, so that a failure says which seed to replay.
    public var path: String { "random-\(seed).yaml" }

    /// Loads, checks and compiles the file.
    /// - Returns: The tables, ready to evaluate.
    /// - Throws: ``DiagnosticsError`` when the generator wrote something the loader rejects,
    ///   which is a generator bug unless the diagnostics show an engine bug.
    public func load() throws(DiagnosticsError) -> DecisionTables {
        try DecisionTables(yaml: yaml, file: path)
    }

    /// The seed and the text, for failure messages.
    public var description: String { "seed \(seed), \(path):\n\(yaml)" }
}

/// Makes random but valid rules files.
///
/// A file holds one table, or (about a third of the time) two tables where the second reads
/// outputs of the first. The mix covers every hit policy including the `collect`
/// aggregations; enum, boolean and integer inputs, integers with and without `min`/`max`;
/// wildcard, single-value, list and `{not: X}` cells, and for integers comparisons and
/// ranges inside lists and negations too; enum, integer, string and boolean outputs with and
/// without defaults; 0 to 40 rules (or more, on request).
///
/// Every cell is written to match at least one value of its column (the loader rejects cells
/// that match nothing) and every literal lies in its column's domain, so a file that fails
/// to load points at the generator or at the loader, never at bad luck.
///
/// On request the files are *enumerable*: small enough that a test can visit every point of
/// every table's input space, to check an analysis that never enumerates against one that does.
public enum RandomTables {
    /// Makes the rules file for `seed`.
    /// - Parameters:
    ///   - seed: Any number; the same seed gives the same file on every machine.
    ///   - maximumRules: The most rules a table gets. Past 64 a table's bitsets take more
    ///     than one word.
    ///   - enumerable: Keeps every input space small and finite: 1 to 4 inputs per table,
    ///     enums of 2 to 5 values, and every integer input either bounded (`min` and `max` at
    ///     most 7 apart, now and then at an end of `Int`) or chained to a table that writes a
    ///     few numbers out of 5 neighbours. The same seed makes a different file than without.
    /// - Returns: The file's text and seed.
    public static func rulesFile(seed: UInt64, maximumRules: Int = 40, enumerable: Bool = false) -> RandomRulesFile {
        precondition(maximumRules >= 6, "the mix needs room for tables of 6 rules and more")
        var maker = FileMaker(random: SeededGenerator(seed: seed), maximumRules: maximumRules, enumerable: enumerable)
        return RandomRulesFile(seed: seed, yaml: maker.make())
    }

    /// Every hit policy a table can have, in the order the generator draws them from.
    public static let hitPolicies: [HitPolicy] = [
        .unique, .first, .priority, .any, .collect(nil), .ruleOrder,
        .collect(.sum), .collect(.min), .collect(.max), .collect(.count),
    ]
}

// MARK: - The plan of a file, before it is written out

/// An input column as the generator sees it.
private struct InputPlan {
    enum Kind {
        case enumeration([String])
        case boolean
        case integer(min: Int?, max: Int?, focus: [Int])
    }

    var name: String
    var kind: Kind
    /// The lines under `- name:` that declare the domain; empty for a chained input that
    /// takes its domain from the producing table.
    var declaration: [String]
}

/// An output column as the generator sees it.
private struct OutputPlan {
    enum Kind {
        case enumeration([String])
        case integer
        case string
        case boolean
    }

    var name: String
    var kind: Kind
    /// The values rules write, already spelled as YAML scalars.
    var literals: [String]
    /// For integer outputs, the numbers behind ``literals``.
    var integers: [Int]
    /// The default, spelled as a YAML scalar.
    var defaultLiteral: String?
}

private struct TablePlan {
    var name: String
    var hit: HitPolicy
    var inputs: [InputPlan]
    var outputs: [OutputPlan]
}

/// One cell of an integer column: a number, a comparison or a range.
private enum IntegerItem {
    case value(Int)
    case comparison(String, Int)
    case range(Int, Int)
}

// MARK: - Making a file

private struct FileMaker {
    var random: SeededGenerator
    let maximumRules: Int
    /// Small, finite input spaces (see ``RandomTables/rulesFile(seed:maximumRules:enumerable:)``).
    /// Every draw it changes is made only when it is set, so that the default files stay the
    /// same seed for seed.
    let enumerable: Bool
    private var nextInput = 0
    private var nextOutput = 0

    init(random: SeededGenerator, maximumRules: Int, enumerable: Bool) {
        self.random = random
        self.maximumRules = maximumRules
        self.enumerable = enumerable
    }

    /// The most inputs a table gets.
    private var maximumInputs: Int { enumerable ? 4 : 6 }

    mutating func make() -> String {
        let chained = random.chance(0.35)
        let producer = table(named: "t0", chainable: chained)
        var tables = [(producer, rules(for: producer))]
        if chained {
            let consumer = consumer(of: producer)
            tables.append((consumer, rules(for: consumer)))
            // The loader puts producers first; writing the reader first checks that it does.
            if random.chance(0.4) { tables.reverse() }
        }
        var lines = ["# Generated by RandomTables; do not edit.", "tables:"]
        for (plan, rules) in tables { lines += render(plan, rules: rules) }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Tables

    /// A table with fresh columns; a `chainable` one can feed another table.
    private mutating func table(named name: String, chainable: Bool) -> TablePlan {
        let policies = RandomTables.hitPolicies.filter { !chainable || !$0.yieldsLists }
        let hit = random.pick(policies)
        var inputs: [InputPlan] = []
        for _ in 0..<random.int(1...maximumInputs) { inputs.append(freshInput()) }
        return TablePlan(
            name: name, hit: hit, inputs: inputs,
            outputs: outputs(for: hit, needsChainable: chainable))
    }

    /// A table that reads one or two outputs of `producer`, may share some of its facts, and
    /// has fresh columns of its own.
    private mutating func consumer(of producer: TablePlan) -> TablePlan {
        let hit = random.pick(RandomTables.hitPolicies)
        var inputs: [InputPlan] = []
        let chainable = producer.outputs.filter { if case .string = $0.kind { false } else { true } }
        let aggregated = if case .collect(_?) = producer.hit { true } else { false }
        for output in random.shuffled(chainable).prefix(random.int(1...2)) {
            inputs.append(chainedInput(output, aggregated: aggregated))
        }
        for shared in random.shuffled(producer.inputs).prefix(random.int(0...2)) {
            inputs.append(shared)
        }
        while inputs.count < maximumInputs, inputs.count < 1 || random.chance(0.5) { inputs.append(freshInput()) }
        return TablePlan(
            name: random.chance(0.5) ? "t1" : "reader-table", hit: hit,
            inputs: random.shuffled(inputs), outputs: outputs(for: hit, needsChainable: false))
    }

    private mutating func freshInput() -> InputPlan {
        defer { nextInput += 1 }
        let name = "in\(nextInput)"
        switch random.int(0..<10) {
        case 0..<4:
            let values = enumValues(count: random.int(2...(enumerable ? 5 : 8)))
            let declaration = (random.chance(0.3) ? ["type: enum"] : []) + ["values: " + flowList(values)]
            return InputPlan(name: name, kind: .enumeration(values), declaration: declaration)
        case 4..<6:
            return InputPlan(name: name, kind: .boolean, declaration: ["type: boolean"])
        default:
            let (low, high) = enumerable ? smallIntegerDomain() : integerDomain()
            var declaration = ["type: integer"]
            if let low { declaration.append("min: \(low)") }
            if let high { declaration.append("max: \(high)") }
            return InputPlan(
                name: name, kind: .integer(min: low, max: high, focus: focus(low, high, around: [])),
                declaration: declaration)
        }
    }

    /// An input that reads `output`, with or without a declared domain of its own; the output
    /// is an `aggregated` sum, minimum, maximum or count when the producer collects.
    private mutating func chainedInput(_ output: OutputPlan, aggregated: Bool) -> InputPlan {
        switch output.kind {
        case .enumeration(let values):
            // A declared domain must list the same values; their order may differ.
            let declaration = random.chance(0.5) ? [] : ["values: " + flowList(random.shuffled(values))]
            return InputPlan(name: output.name, kind: .enumeration(values), declaration: declaration)
        case .boolean:
            return InputPlan(
                name: output.name, kind: .boolean,
                declaration: random.chance(0.5) ? [] : ["type: boolean"])
        case .integer:
            // Bounds must hold every number the producer writes; only sums and counts, which
            // the producer computes, can then fall outside them.
            let emitted = output.integers
            var low: Int?
            var high: Int?
            var declaration: [String] = []
            if enumerable, aggregated, let lowest = emitted.min(), let highest = emitted.max() {
                // An aggregate can be any integer, so only declared bounds keep the space finite;
                // any other producer's few numbers keep it finite without them.
                low = lowest - random.int(0...1)
                high = highest + random.int(0...1)
                declaration = ["type: integer", "min: \(low!)", "max: \(high!)"]
            } else if random.chance(0.6) {
                declaration = ["type: integer"]
                if random.chance(0.7), let lowest = emitted.min(), lowest > Int.min + 3 {
                    low = lowest - random.int(0...2)
                    declaration.append("min: \(low!)")
                }
                if random.chance(0.7), let highest = emitted.max(), highest < Int.max - 3 {
                    high = highest + random.int(0...2)
                    declaration.append("max: \(high!)")
                }
            }
            return InputPlan(
                name: output.name,
                kind: .integer(min: low, max: high, focus: focus(low, high, around: emitted)),
                declaration: declaration)
        case .string:
            preconditionFailure("string outputs cannot be chained")
        }
    }

    /// The type of an output, before its values are drawn.
    private enum OutputChoice: CaseIterable {
        case enumeration, integer, string, boolean
    }

    /// 1 to 3 outputs fit for `hit`: all integers for an aggregation, at least one enum for
    /// priority, at least one that another table can read when `needsChainable`.
    private mutating func outputs(for hit: HitPolicy, needsChainable: Bool) -> [OutputPlan] {
        let count = random.int(1...3)
        var choices = (0..<count).map { _ in random.pick(OutputChoice.allCases) }
        if case .collect(_?) = hit { choices = choices.map { _ in .integer } }
        if hit == .priority, !choices.contains(.enumeration) { choices[random.int(0..<count)] = .enumeration }
        if needsChainable, choices.allSatisfy({ $0 == .string }) {
            choices[0] = random.pick([.enumeration, .integer, .boolean])
        }
        // Either every output has a default (no match returns them), none has (no match is an
        // error), or some have (rules may leave those out, but no match is still an error).
        let defaults = random.int(0..<3)
        return choices.map { choice in
            output(choice, hasDefault: defaults == 0 || (defaults == 2 && random.chance(0.5)))
        }
    }

    private mutating func output(_ choice: OutputChoice, hasDefault: Bool) -> OutputPlan {
        defer { nextOutput += 1 }
        let name = random.chance(0.5) ? "out\(nextOutput)" : "result_\(nextOutput)"
        var plan: OutputPlan
        switch choice {
        case .enumeration:
            let values = enumValues(count: random.int(2...5))
            plan = OutputPlan(
                name: name, kind: .enumeration(values), literals: values, integers: [],
                defaultLiteral: nil)
        case .integer:
            let numbers = outputIntegers()
            plan = OutputPlan(
                name: name, kind: .integer, literals: numbers.map(String.init), integers: numbers,
                defaultLiteral: nil)
        case .string:
            let phrases = random.shuffled(Self.phrases).prefix(random.int(1...5)).map(Self.quoted)
            plan = OutputPlan(name: name, kind: .string, literals: Array(phrases), integers: [], defaultLiteral: nil)
        case .boolean:
            plan = OutputPlan(name: name, kind: .boolean, literals: ["true", "false"], integers: [], defaultLiteral: nil)
        }
        if hasDefault { plan.defaultLiteral = random.pick(plan.literals) }
        return plan
    }

    // MARK: Rules

    /// The rules of a table, each as the lines of one list item.
    private mutating func rules(for table: TablePlan) -> [[String]] {
        let count =
            switch random.int(0..<20) {
            case 0: 0
            case 1..<8: random.int(1...5)
            default: random.int(6...maximumRules)
            }
        // How often a cell is a wildcard, per table: from tables of narrow rules that rarely
        // overlap to tables of broad ones that mostly do.
        let wildcard = Double(random.int(10...85)) / 100
        // For 'any', rules that repeat an earlier rule's outputs make overlaps that agree.
        let repeatOutputs = table.hit == .any ? 0.6 : 0.15
        var written: [[String?]] = []
        var rules: [[String]] = []
        for r in 0..<count {
            var when: [(String, String)] = []
            for input in table.inputs {
                if random.chance(wildcard) {
                    if random.chance(0.3) { when.append((input.name, random.chance(0.5) ? "\"-\"" : "'-'")) }
                } else {
                    when.append((input.name, cell(input)))
                }
            }
            var then: [String?]
            if let earlier = written.last, random.chance(repeatOutputs) {
                then = random.chance(0.5) ? earlier : random.pick(written)
            } else {
                then = table.outputs.map { output in
                    output.defaultLiteral != nil && random.chance(0.3) ? nil : random.pick(output.literals)
                }
            }
            written.append(then)
            let pairs = zip(table.outputs, then).compactMap { output, value in value.map { (output.name, $0) } }
            rules.append(rule(id: random.chance(0.7) ? "r\(r)" : "rule-\(r)", when: when, then: pairs))
        }
        return rules
    }

    private mutating func rule(id: String, when: [(String, String)], then: [(String, String)]) -> [String] {
        var lines = ["- id: \(id)"]
        if random.chance(0.1) { lines.append("  description: \"Rule \(id), made up.\"") }
        for (key, cells) in [("when", when), ("then", then)] {
            if cells.isEmpty {
                if random.chance(0.5) { lines.append("  \(key): {}") }
            } else if random.chance(0.6) {
                lines.append("  \(key): { " + cells.map { "\($0): \($1)" }.joined(separator: ", ") + " }")
            } else {
                lines.append("  \(key):")
                lines += cells.map { "    \($0): \($1)" }
            }
        }
        return lines
    }

    /// A cell that matches at least one value of `input`, as YAML.
    private mutating func cell(_ input: InputPlan) -> String {
        switch input.kind {
        case .boolean:
            return finiteCell(["false", "true"])
        case .enumeration(let values):
            return finiteCell(values)
        case .integer(let low, let high, let focus):
            return integerCell(low: low ?? .min, high: high ?? .max, focus: focus)
        }
    }

    private mutating func finiteCell(_ names: [String]) -> String {
        switch random.int(0..<4) {
        case 0, 1:
            return random.pick(names)
        case 2:
            // Repeats are allowed: a list is a set.
            return flowList((0..<random.int(1...3)).map { _ in random.pick(names) })
        default:
            // 'not' must leave at least one value.
            let excluded = random.shuffled(names).prefix(random.int(1...(names.count - 1)))
            return excluded.count == 1 && random.chance(0.5)
                ? "{not: \(excluded[excluded.startIndex])}" : "{not: \(flowList(Array(excluded)))}"
        }
    }

    /// An integer cell built around a witness: a value of the domain the cell must match.
    private mutating func integerCell(low: Int, high: Int, focus: [Int]) -> String {
        let witness = pickInteger(low: low, high: high, focus: focus)
        switch random.int(0..<10) {
        case 0..<6:
            return render(item(containing: witness, low: low, high: high))
        case 6, 7:
            var items = [item(containing: witness, low: low, high: high)]
            for _ in 0..<random.int(0...2) {
                items.append(item(containing: pickInteger(low: low, high: high, focus: focus), low: low, high: high))
            }
            return flowList(random.shuffled(items).map { render($0) })
        default:
            // Every item leaves the witness out, so the negation keeps it.
            var items: [IntegerItem] = []
            for _ in 0..<random.int(1...3) {
                if let item = item(excluding: witness, low: low, high: high) { items.append(item) }
            }
            if items.isEmpty { return render(item(containing: witness, low: low, high: high)) }
            return items.count == 1 && random.chance(0.5)
                ? "{not: \(render(items[0]))}" : "{not: \(flowList(items.map { render($0) }))}"
        }
    }

    /// An item that matches `w`, with every literal the loader checks inside `low...high`.
    private mutating func item(containing w: Int, low: Int, high: Int) -> IntegerItem {
        let d = random.int(0...3)
        switch random.int(0..<8) {
        case 0: return .value(w)
        case 1: return .comparison("==", w)
        // Comparisons with < and > are not checked against the domain, only intersected with it.
        case 2: return .comparison(">=", w.adding(-d))
        case 3: return w == .min ? .value(w) : .comparison(">", w.adding(-max(1, d)))
        case 4: return .comparison("<=", w.adding(d))
        case 5: return w == .max ? .value(w) : .comparison("<", w.adding(max(1, d)))
        case 6:
            let other = w.adding(random.chance(0.5) ? 1 + d : -1 - d).clamped(low, high)
            if other != w { return .comparison("!=", other) }
            let flipped = w.adding(other >= w ? -1 : 1).clamped(low, high)
            return flipped != w ? .comparison("!=", flipped) : .value(w)
        default:
            return .range(w.adding(-d).clamped(low, high), w.adding(random.int(0...3)).clamped(low, high))
        }
    }

    /// An item that does not match `w`, or nil when the one drawn cannot avoid it.
    private mutating func item(excluding w: Int, low: Int, high: Int) -> IntegerItem? {
        let d = random.int(0...3)
        switch random.int(0..<8) {
        case 0, 1:
            let other = w.adding(random.chance(0.5) ? 1 + d : -1 - d).clamped(low, high)
            guard other != w else { return nil }
            return random.chance(0.5) ? .value(other) : .comparison("==", other)
        case 2: return w == .max ? nil : .comparison(">=", w.adding(1 + d))
        case 3: return .comparison(">", w.adding(d))
        case 4: return w == .min ? nil : .comparison("<=", w.adding(-1 - d))
        case 5: return .comparison("<", w.adding(-d))
        case 6: return .comparison("!=", w)
        default:
            if random.chance(0.5) {
                guard w < high else { return nil }
                let start = w.adding(1 + d).clamped(low, high)
                return .range(start, start.adding(random.int(0...4)).clamped(low, high))
            }
            guard w > low else { return nil }
            let end = w.adding(-1 - d).clamped(low, high)
            return .range(end.adding(-random.int(0...4)).clamped(low, high), end)
        }
    }

    private mutating func render(_ item: IntegerItem) -> String {
        switch item {
        case .value(let n):
            // A quoted number is still a number in an integer cell.
            return random.chance(0.1) ? "\"\(n)\"" : String(n)
        case .comparison(let op, let n):
            return "\"\(op)\(random.chance(0.7) ? " " : "")\(n)\""
        case .range(let a, let b):
            let text = random.chance(0.8) ? "\(a)..\(b)" : "\(a) .. \(b)"
            return random.chance(0.5) ? "\"\(text)\"" : (text.contains(" ") ? "'\(text)'" : text)
        }
    }

    // MARK: Values

    /// Mostly the column's focus values, so that rules share boundaries; sometimes anything.
    private mutating func pickInteger(low: Int, high: Int, focus: [Int]) -> Int {
        switch random.int(0..<10) {
        case 0..<7: return random.pick(focus)
        case 7, 8: return random.pick(focus).adding(random.int(-3...3)).clamped(low, high)
        default: return random.pick([low, high, 0, Int.random(in: low...high, using: &random)]).clamped(low, high)
        }
    }

    /// 2 to 6 numbers of `low...high` near its small end, or near `around`.
    private mutating func focus(_ low: Int?, _ high: Int?, around: [Int]) -> [Int] {
        let lowest = low ?? .min
        let highest = high ?? .max
        let center =
            switch (low, high) {
            case (let low?, let high?): Int.random(in: low...high, using: &random)
            case (let low?, nil): low
            case (nil, let high?): high
            case (nil, nil): 0
            }
        var values = around
        for _ in 0..<random.int(2...6) { values.append(center.adding(random.int(-8...8)).clamped(lowest, highest)) }
        if random.chance(0.05) { values.append(random.pick([lowest, highest])) }
        return values
    }

    /// `min` and `max` of an integer input: mostly small, sometimes at the ends of `Int`.
    private mutating func integerDomain() -> (Int?, Int?) {
        switch random.int(0..<20) {
        case 0..<6: return (nil, nil)
        case 6..<10: return (random.int(-3...3), nil)
        case 10..<12: return (nil, random.int(-3...10))
        case 12..<19:
            let low = random.int(-5...5)
            return (low, low + random.int(0...15))
        default:
            let ends: [(Int?, Int?)] = [
                (Int.min, nil), (nil, Int.max), (Int.min, Int.max),
                (Int.max - 3, Int.max), (Int.min, Int.min + 3),
            ]
            return random.pick(ends)
        }
    }

    /// `min` and `max` of an enumerable integer input: at most 8 values, mostly around 0.
    private mutating func smallIntegerDomain() -> (Int?, Int?) {
        if random.chance(0.05) { return random.pick([(Int.max - 3, Int.max), (Int.min, Int.min + 3)]) }
        let low = random.int(-5...5)
        return (low, low + random.int(0...7))
    }

    /// The numbers an integer output writes: small, now and then an end of `Int`.
    private mutating func outputIntegers() -> [Int] {
        let start = random.int(-5...5)
        if enumerable { return (0..<random.int(1...6)).map { _ in start + random.int(0...4) } }
        var numbers = (0..<random.int(1...6)).map { _ in start + random.int(0...10) }
        if random.chance(0.05) { numbers.append(random.pick([Int.max, Int.min])) }
        return numbers
    }

    /// Value names, some of which other YAML readers would take for booleans or numbers.
    private static let names = [
        "red", "green", "blue", "call", "message", "none", "low", "mid", "high", "a", "b", "c",
        "x_1", "long-name", "v2", "yes", "no", "on", "off", "1", "02",
    ]

    private mutating func enumValues(count: Int) -> [String] {
        Array(random.shuffled(Self.names).prefix(count))
    }

    /// String outputs, some of which need quoting or look like other types.
    private static let phrases = [
        "", "ok", "Assign to Contact", "a: b", "x, y", "none", "Ünïcødé", "  padded  ", "quote \" inside",
        "#hash", "-", "null", "true", "42", "back\\slash",
    ]

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for character in text {
            if character == "\\" || character == "\"" { out.append("\\") }
            out.append(character)
        }
        return out + "\""
    }

    private func flowList(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }

    // MARK: Writing

    private mutating func render(_ table: TablePlan, rules: [[String]]) -> [String] {
        var lines = ["  - name: \(table.name)"]
        if random.chance(0.2) { lines.append("    description: \"A made-up \(table.hit) table.\"") }
        switch table.hit {
        case .unique where random.chance(0.3):
            break  // unique is the default
        case .collect(let aggregation?):
            lines +=
                random.chance(0.5)
                ? ["    hit: {collect: \(aggregation.rawValue)}"] : ["    hit:", "      collect: \(aggregation.rawValue)"]
        default:
            lines.append("    hit: \(table.hit)")
        }
        if random.chance(0.1) { lines.append("    gaps: allowed") }
        lines.append("    inputs:")
        for input in table.inputs {
            lines.append("      - name: \(input.name)")
            lines += input.declaration.map { "        " + $0 }
        }
        lines.append("    outputs:")
        for output in table.outputs {
            lines.append("      - name: \(output.name)")
            switch output.kind {
            case .enumeration(let values): lines.append("        values: " + flowList(values))
            case .integer: lines.append("        type: integer")
            case .string: lines.append("        type: string")
            case .boolean: lines.append("        type: boolean")
            }
            if let value = output.defaultLiteral { lines.append("        default: \(value)") }
        }
        lines.append(rules.isEmpty ? "    rules: []" : "    rules:")
        for rule in rules { lines += rule.map { "      " + $0 } }
        return lines
    }
}

// MARK: - Helpers

extension RandomNumberGenerator {
    /// A uniform integer in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// A uniform integer in `range`.
    mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &self) }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }

    /// A uniform element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }

    /// The items in a random order.
    mutating func shuffled<T>(_ items: [T]) -> [T] { items.shuffled(using: &self) }
}

extension Int {
    /// `self + offset`, stopping at `Int.min` and `Int.max` instead of overflowing.
    func adding(_ offset: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(offset)
        return overflow ? (offset > 0 ? .max : .min) : sum
    }

    /// The value moved into `low...high`.
    func clamped(_ low: Int, _ high: Int) -> Int { Swift.min(Swift.max(self, low), high) }
}
