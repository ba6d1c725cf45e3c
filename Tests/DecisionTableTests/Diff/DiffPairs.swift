import DecisionTable
import _DecisionTableTestSupport
import YAMLLoading
import JSONLines

/// A random rules file and an edited copy of it, to diff.
struct DiffPair: CustomStringConvertible {
    let seed: UInt64
    /// The random file as ``RandomTables`` writes it.
    let old: String
    /// The edited copy, written out by ``PlainTables/yaml``.
    let new: String
    /// The edits, in words.
    let edits: [String]
    /// Whether every edit changes neither an outcome nor the file's shape: renamed ids, new
    /// descriptions, a rule moved past rules it never matches together with.
    let isPure: Bool

    var description: String {
        "seed \(seed), edits: \(edits.joined(separator: "; "))\n--- old\n\(old)--- new\n\(new)"
    }
}

/// Makes ``DiffPair``s: a random enumerable file (sometimes two chained tables), then a copy
/// with one to three edits: a cell, an output value, a default, rules deleted, added,
/// duplicated, reordered, renamed or described, the hit policy, an enum value added, an
/// integer range widened, an input or output added or removed.
enum DiffPairs {
    /// The pair for `seed`; nil when no edit drawn gave a file that loads (rare).
    static func pair(seed: UInt64) -> DiffPair? {
        let file = RandomTables.rulesFile(seed: seed, maximumRules: 12, enumerable: true)
        guard let loaded = try? file.load() else { return nil }
        for attempt in 0..<8 as Range<UInt64> {
            var tables = loaded.tables.map(PlainTable.init)
            var editor = Editor(random: SeededGenerator(seed: seed &* 0x9E37_79B9 &+ attempt &+ 0xD1FF))
            let pure = editor.random.coin(0.2)
            for _ in 0...editor.random.below(3) { editor.edit(&tables, pureOnly: pure) }
            let yaml = PlainTables.yaml(tables)
            guard editor.notes.count > 0, (try? DecisionTables(yaml: yaml, file: "edited-\(seed).yaml")) != nil else { continue }
            return DiffPair(
                seed: seed, old: file.yaml, new: yaml, edits: editor.notes,
                isPure: editor.notes.allSatisfy { $0.hasPrefix("pure:") })
        }
        return nil
    }
}

// MARK: - Tables as plain values, to edit and write out

struct PlainTable {
    var name: String
    var description: String?
    var hit: HitPolicy
    var gapsAllowed: Bool
    var inputs: [PlainInput]
    var outputs: [PlainOutput]
    var rules: [PlainRule]

    init(_ table: TableDefinition) {
        name = table.name
        description = table.description
        hit = table.hitPolicy
        gapsAllowed = table.gapsAllowed
        inputs = table.inputs.map { PlainInput(name: $0.name, description: $0.description, domain: $0.domain, isChained: $0.producer != nil) }
        outputs = table.outputs.map { PlainOutput(name: $0.name, description: $0.description, type: $0.type, defaultValue: $0.defaultValue) }
        rules = table.rules.map { rule in
            PlainRule(
                id: rule.id, description: rule.description,
                cells: rule.conditions.map { condition in
                    if condition.isWildcard { return .any }
                    if let values = condition.values { return .finite(values) }
                    return .integers(condition.intervals ?? .empty)
                },
                outputs: rule.outputs)
        }
    }
}

struct PlainInput {
    var name: String
    var description: String?
    var domain: Domain
    var isChained: Bool
}

struct PlainOutput {
    var name: String
    var description: String?
    var type: OutputType
    var defaultValue: Value?
}

struct PlainRule {
    var id: String
    var description: String?
    /// One per input.
    var cells: [PlainCell]
    /// One per output; nil where the default applies.
    var outputs: [Value?]
}

enum PlainCell: Equatable {
    case any
    /// Interned values of an enum or boolean input.
    case finite([Int])
    case integers(IntervalSet)

    /// Whether two cells share a value (of a non-empty domain).
    func meets(_ other: PlainCell) -> Bool {
        switch (self, other) {
        case (.any, _), (_, .any): true
        case (.finite(let a), .finite(let b)): !Set(a).isDisjoint(with: b)
        case (.integers(let a), .integers(let b)): a.intersects(b)
        default: true
        }
    }
}

/// Writes plain tables as a rules file.
enum PlainTables {
    static func yaml(_ tables: [PlainTable]) -> String {
        var lines = ["# Edited by DiffPairs.", "tables:"]
        for table in tables {
            lines.append("  - name: \(table.name)")
            if let text = table.description { lines.append("    description: \(quoted(text))") }
            lines.append("    hit: " + hit(table.hit))
            if table.gapsAllowed { lines.append("    gaps: allowed") }
            lines.append("    inputs:")
            for input in table.inputs {
                lines.append("      - name: \(input.name)")
                if let text = input.description { lines.append("        description: \(quoted(text))") }
                switch input.domain {
                case .enumeration(let names) where !input.isChained:
                    lines.append("        values: [" + names.map(quoted).joined(separator: ", ") + "]")
                case .boolean where !input.isChained:
                    lines.append("        type: boolean")
                case .integer(let low, let high):
                    lines.append("        type: integer")
                    if let low { lines.append("        min: \(low)") }
                    if let high { lines.append("        max: \(high)") }
                default:
                    break  // a chained enum or boolean takes its producer's domain
                }
            }
            lines.append("    outputs:")
            for output in table.outputs {
                lines.append("      - name: \(output.name)")
                if let text = output.description { lines.append("        description: \(quoted(text))") }
                switch output.type {
                case .enumeration(let names): lines.append("        values: [" + names.map(quoted).joined(separator: ", ") + "]")
                case .integer: lines.append("        type: integer")
                case .string: lines.append("        type: string")
                case .boolean: lines.append("        type: boolean")
                case .number: lines.append("        type: number")
                }
                if let value = output.defaultValue { lines.append("        default: \(literal(value))") }
            }
            lines.append(table.rules.isEmpty ? "    rules: []" : "    rules:")
            for rule in table.rules {
                lines.append("      - id: \(rule.id)")
                if let text = rule.description { lines.append("        description: \(quoted(text))") }
                let when = zip(table.inputs, rule.cells).compactMap { input, cell in
                    self.cell(cell, input.domain).map { "\(input.name): \($0)" }
                }
                lines.append("        when: { " + when.joined(separator: ", ") + " }")
                let then = zip(table.outputs, rule.outputs).compactMap { output, value in
                    value.map { "\(output.name): \(literal($0))" }
                }
                lines.append("        then: { " + then.joined(separator: ", ") + " }")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func hit(_ policy: HitPolicy) -> String {
        if case .collect(let aggregation?) = policy { return "{collect: \(aggregation.rawValue)}" }
        return policy.description
    }

    /// A cell as YAML; nil for a wildcard (left out).
    private static func cell(_ cell: PlainCell, _ domain: Domain) -> String? {
        switch cell {
        case .any:
            return nil
        case .finite(let values):
            return "["
                + values.map { value in
                    if case .enumeration(let names) = domain { return quoted(names[value]) }
                    return value == 0 ? "false" : "true"
                }.joined(separator: ", ") + "]"
        case .integers(let set):
            return "["
                + set.ranges.map { range in
                    switch (range.lowerBound, range.upperBound) {
                    case (.min, .max): "\">= \(Int.min)\""
                    case (.min, let high): "\"<= \(high)\""
                    case (let low, .max): "\">= \(low)\""
                    case (let low, let high) where low == high: "\(low)"
                    case (let low, let high): "\"\(low)..\(high)\""
                    }
                }.joined(separator: ", ") + "]"
        }
    }

    static func literal(_ value: Value) -> String {
        switch value {
        case .string(let text): quoted(text)
        case .integer(let number): String(number)
        case .boolean(let flag): String(flag)
        case .number(let number): number.description
        }
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for character in text {
            if character == "\\" || character == "\"" { out.append("\\") }
            out.append(character)
        }
        return out + "\""
    }
}

// MARK: - Edits

/// Draws and applies edits, noting each in words (`pure:` for those that change nothing).
private struct Editor {
    var random: SeededGenerator
    var notes: [String] = []
    private var fresh = 0

    init(random: SeededGenerator) { self.random = random }

    private enum Kind: CaseIterable {
        case cell, output, outputDefault, deleteRule, addRule, duplicateRule, reorder, hit
        case enumValue, widenInteger, addInput, removeInput, addOutput, removeOutput
        case rename, describe, moveDisjoint
    }

    mutating func edit(_ tables: inout [PlainTable], pureOnly: Bool) {
        let readers = Set(tables.flatMap { $0.inputs.filter(\.isChained).map(\.name) })
        // Most edits of a chained file go to the producer, to show at the reader's final outputs.
        let producers = tables.indices.filter { t in tables[t].outputs.contains { readers.contains($0.name) } }
        let t = !producers.isEmpty && random.coin(0.6) ? random.element(producers) : random.below(tables.count)
        let kinds: [Kind] =
            pureOnly
            ? [.rename, .describe, .moveDisjoint]
            : Kind.allCases + [.cell, .cell, .cell, .output, .output, .addRule, .deleteRule]
        let kind = random.element(kinds)
        var table = tables[t]
        let name = table.name
        let ruleCount = table.rules.count
        switch kind {
        case .cell:
            guard ruleCount > 0 else { return }
            let r = random.below(ruleCount)
            let i = random.below(table.inputs.count)
            table.rules[r].cells[i] = cell(for: table, input: i)
            notes.append("\(name): cell \(table.inputs[i].name) of \(table.rules[r].id)")
        case .output:
            guard ruleCount > 0 else { return }
            let r = random.below(ruleCount)
            let o = random.below(table.outputs.count)
            if table.outputs[o].defaultValue != nil, random.coin(0.2) {
                table.rules[r].outputs[o] = nil
            } else {
                table.rules[r].outputs[o] = value(for: table, output: o)
            }
            notes.append("\(name): output \(table.outputs[o].name) of \(table.rules[r].id)")
        case .outputDefault:
            let o = random.below(table.outputs.count)
            if table.outputs[o].defaultValue == nil || random.coin(0.5) {
                table.outputs[o].defaultValue = value(for: table, output: o)
            } else if table.rules.allSatisfy({ $0.outputs[o] != nil }) {
                table.outputs[o].defaultValue = nil
            } else {
                return
            }
            notes.append("\(name): default of \(table.outputs[o].name)")
        case .deleteRule:
            guard ruleCount > 0 else { return }
            let r = random.below(ruleCount)
            notes.append("\(name): delete \(table.rules[r].id)")
            table.rules.remove(at: r)
        case .addRule:
            let rule = PlainRule(
                id: freshID(), description: nil,
                cells: table.inputs.indices.map { random.coin(0.4) ? .any : cell(for: table, input: $0) },
                outputs: table.outputs.indices.map { o in
                    table.outputs[o].defaultValue != nil && random.coin(0.3) ? nil : value(for: table, output: o)
                })
            table.rules.insert(rule, at: random.below(ruleCount + 1))
            notes.append("\(name): add \(rule.id)")
        case .duplicateRule:
            guard ruleCount > 0 else { return }
            var copy = table.rules[random.below(ruleCount)]
            notes.append("\(name): duplicate \(copy.id)")
            copy.id = freshID()
            table.rules.insert(copy, at: random.below(ruleCount + 1))
        case .reorder:
            guard ruleCount > 1 else { return }
            if random.coin(0.5) {
                table.rules.swapAt(random.below(ruleCount), random.below(ruleCount))
            } else {
                table.rules.shuffle(using: &random)
            }
            notes.append("\(name): reorder")
        case .hit:
            let lists = table.outputs.contains { readers.contains($0.name) }
            let integers = table.outputs.allSatisfy { $0.type == .integer }
            let enums = table.outputs.contains { if case .enumeration = $0.type { true } else { false } }
            let policies = RandomTables.hitPolicies.filter { policy in
                switch policy {
                case .collect(nil), .ruleOrder: !lists
                case .collect: integers
                case .priority: enums
                default: true
                }
            }
            table.hit = random.element(policies)
            notes.append("\(name): hit \(table.hit)")
        case .enumValue:
            let free = table.inputs.filter { input in
                if case .enumeration = input.domain { !input.isChained } else { false }
            }
            guard let input = free.isEmpty ? nil : random.element(free) else { return }
            let added = "added_\(fresh)"
            fresh += 1
            changeDomain(&tables, input.name) { domain in
                guard case .enumeration(let names) = domain else { return domain }
                return .enumeration(names + [added])
            }
            notes.append("\(name): value \(added) of \(input.name)")
            return
        case .widenInteger:
            let free = table.inputs.filter { input in
                if case .integer(let low?, let high?) = input.domain {
                    !input.isChained && low > Int.min + 4 && high < Int.max - 4
                } else {
                    false
                }
            }
            guard let input = free.isEmpty ? nil : random.element(free) else { return }
            let below = random.below(3)
            let above = random.below(3)
            changeDomain(&tables, input.name) { domain in
                guard case .integer(let low?, let high?) = domain else { return domain }
                return .integer(min: low - below, max: high + above)
            }
            notes.append("\(name): widen \(input.name) by \(below) and \(above)")
            return
        case .addInput:
            let input = PlainInput(
                name: "extra_in\(fresh)", description: nil,
                domain: .enumeration(["p", "q", "r"]), isChained: false)
            fresh += 1
            table.inputs.insert(input, at: random.below(table.inputs.count + 1))
            let i = table.inputs.firstIndex { $0.name == input.name }!
            for r in table.rules.indices {
                table.rules[r].cells.insert(.any, at: i)
                if random.coin(0.5) { table.rules[r].cells[i] = cell(for: table, input: i) }
            }
            notes.append("\(name): add input \(input.name)")
        case .removeInput:
            guard table.inputs.count > 1 else { return }
            let i = random.below(table.inputs.count)
            notes.append("\(name): remove input \(table.inputs[i].name)")
            table.inputs.remove(at: i)
            for r in table.rules.indices { table.rules[r].cells.remove(at: i) }
        case .addOutput:
            let aggregated = if case .collect(_?) = table.hit { true } else { false }
            let output = PlainOutput(
                name: "extra_out\(fresh)", description: nil,
                type: aggregated || random.coin(0.5) ? .integer : .string,
                defaultValue: nil)
            fresh += 1
            table.outputs.append(output)
            for r in table.rules.indices {
                table.rules[r].outputs.append(output.type == .integer ? .integer(random.below(3)) : .string(random.element(["x", "y"])))
            }
            if random.coin(0.5) {
                table.outputs[table.outputs.count - 1].defaultValue = table.outputs.last!.type == .integer ? .integer(0) : .string("x")
            }
            notes.append("\(name): add output \(output.name)")
        case .removeOutput:
            let removable = table.outputs.indices.filter { o in
                guard !readers.contains(table.outputs[o].name) else { return false }
                let left = table.outputs.indices.filter { $0 != o }
                return !left.isEmpty
                    && (table.hit != .priority || left.contains { if case .enumeration = table.outputs[$0].type { true } else { false } })
            }
            guard let o = removable.isEmpty ? nil : random.element(removable) else { return }
            notes.append("\(name): remove output \(table.outputs[o].name)")
            table.outputs.remove(at: o)
            for r in table.rules.indices { table.rules[r].outputs.remove(at: o) }
        case .rename:
            guard ruleCount > 0 else { return }
            for r in table.rules.indices where random.coin(0.5) { table.rules[r].id = freshID() }
            notes.append("pure: \(name): rename rules")
        case .describe:
            switch random.below(4) {
            case 0: table.description = "Described \(fresh)."
            case 1: table.inputs[random.below(table.inputs.count)].description = "An input, described \(fresh)."
            case 2: table.outputs[random.below(table.outputs.count)].description = "An output: described \(fresh)."
            default:
                guard ruleCount > 0 else { return }
                table.rules[random.below(ruleCount)].description = "Rule \"described\" \(fresh)."
            }
            fresh += 1
            notes.append("pure: \(name): describe")
        case .moveDisjoint:
            guard ruleCount > 1 else { return }
            let r = random.below(ruleCount)
            let rule = table.rules[r]
            let disjoint = { (other: PlainRule) in !zip(rule.cells, other.cells).allSatisfy { $0.meets($1) } }
            // The farthest position either way reached past rules disjoint from this one.
            var low = r
            while low > 0, disjoint(table.rules[low - 1]) { low -= 1 }
            var high = r
            while high < ruleCount - 1, disjoint(table.rules[high + 1]) { high += 1 }
            guard low < high else { return }
            table.rules.remove(at: r)
            table.rules.insert(rule, at: random.coin(0.5) ? low : high)
            notes.append("pure: \(name): move \(rule.id) past disjoint rules")
        }
        tables[t] = table
    }

    private mutating func freshID() -> String {
        defer { fresh += 1 }
        return "edited-\(fresh)"
    }

    /// Changes a free input's domain in every table that reads it, keeping cells by name.
    private func changeDomain(_ tables: inout [PlainTable], _ input: String, _ change: (Domain) -> Domain) {
        for t in tables.indices {
            for i in tables[t].inputs.indices where tables[t].inputs[i].name == input && !tables[t].inputs[i].isChained {
                tables[t].inputs[i].domain = change(tables[t].inputs[i].domain)
            }
        }
    }

    /// A cell that matches something of the input's domain: a wildcard now and then, some
    /// values of a finite domain, or intervals around the numbers the table's cells use.
    private mutating func cell(for table: PlainTable, input i: Int) -> PlainCell {
        if random.coin(0.1) { return .any }
        let domain = table.inputs[i].domain
        if let count = domain.finiteCount {
            var values = Set((0..<(random.below(count) + 1)).map { _ in random.below(count) })
            if values.isEmpty { values.insert(0) }
            return .finite(values.sorted())
        }
        let bounds = domain.integerBounds
        var focus = [0]
        if bounds.lowerBound != .min { focus.append(bounds.lowerBound) }
        if bounds.upperBound != .max { focus.append(bounds.upperBound) }
        for rule in table.rules {
            if case .integers(let set) = rule.cells[i] {
                for range in set.ranges {
                    if range.lowerBound != .min { focus.append(range.lowerBound) }
                    if range.upperBound != .max { focus.append(range.upperBound) }
                }
            }
        }
        let whole = IntervalSet([bounds])
        for _ in 0..<4 {
            let w = clamp(random.element(focus), by: random.below(5) - 2)
            let set: IntervalSet =
                switch random.below(5) {
                case 0: IntervalSet([w...w])
                case 1: IntervalSet([w...clamp(w, by: random.below(4))])
                case 2: IntervalSet([w...Int.max])
                case 3: IntervalSet([Int.min...w])
                default: IntervalSet([w...w]).complement
                }
            let cut = set.intersection(whole)
            if !cut.isEmpty { return .integers(cut) }
        }
        return .any
    }

    private func clamp(_ value: Int, by offset: Int) -> Int {
        let (sum, overflow) = value.addingReportingOverflow(offset)
        return overflow ? value : sum
    }

    /// A value for an output: another of its enum values, a nearby number, a known string.
    private mutating func value(for table: PlainTable, output o: Int) -> Value {
        let output = table.outputs[o]
        let seen = table.rules.compactMap { $0.outputs[o] } + (output.defaultValue.map { [$0] } ?? [])
        switch output.type {
        case .enumeration(let names): return .string(random.element(names))
        case .boolean: return .boolean(random.coin(0.5))
        case .integer:
            let numbers = seen.compactMap { if case .integer(let n) = $0 { n } else { nil } }
            return .integer(clamp(numbers.isEmpty ? 0 : random.element(numbers), by: random.below(3) - 1))
        case .string:
            return random.coin(0.7) && !seen.isEmpty ? random.element(seen) : .string("changed \(random.below(3))")
        case .number:
            return random.coin(0.7) && !seen.isEmpty ? random.element(seen) : .number(DecimalNumber(random.below(3)))
        }
    }
}

extension SeededGenerator {
    /// A uniform integer in `0..<n`.
    mutating func below(_ n: Int) -> Int { Int.random(in: 0..<n, using: &self) }

    /// True with probability `p`.
    mutating func coin(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }

    /// A uniform element of a non-empty array.
    mutating func element<T>(_ items: [T]) -> T { items[below(items.count)] }
}
