import DecisionTable
import Diagnostics

/// Turns draft tables into the engine's ``TableDefinition``s: one coding per input name
/// across the model (so that a fact read by several tables means the same in each), domains
/// from allowed values, and every cell checked against its column.
struct TableAssembler {
    let drafts: [ModelBuilder.DraftTable]

    func assemble(into builder: inout ModelBuilder) -> [TableDefinition] {
        let codings = self.codings()
        var tables: [TableDefinition] = []
        for draft in drafts where !draft.failed {
            var failed = false
            let inputs = draft.inputs.map { input in
                column(input, coding: codings[input.name], builder: &builder, failed: &failed)
            }
            let outputs = draft.outputs.map { output in
                OutputDefinition(
                    name: output.slot, description: output.description, location: output.location,
                    type: Self.outputType(output), defaultValue: output.defaultValue)
            }
            var rules: [RuleDefinition] = []
            var ids: [String: SourceLocation] = [:]
            for rule in draft.rules {
                var conditions: [Condition] = []
                for (i, cell) in rule.cells.enumerated() {
                    if let condition = condition(cell, input: inputs[i], kind: draft.inputs[i].kind, builder: &builder) {
                        conditions.append(condition)
                    } else {
                        failed = true
                    }
                }
                if let first = ids[rule.id] {
                    builder.error(
                        .dmnDuplicate, "decision '\(draft.name)' already has a rule '\(rule.id)'",
                        at: rule.location, notes: [Note("the first is here", at: first)])
                    failed = true
                }
                ids[rule.id] = rule.location
                guard conditions.count == inputs.count else { continue }
                rules.append(
                    RuleDefinition(
                        id: rule.id, description: rule.description, location: rule.location,
                        conditions: conditions, outputs: rule.outputs.map(\.value), values: rule.outputs.map(\.value),
                        outputLocations: rule.outputs.map(\.location)))
            }
            switch draft.hitPolicy {
            case .priority, .outputOrder:
                if !outputs.contains(where: { if case .enumeration = $0.type { true } else { false } }) {
                    builder.error(
                        .dmnHitPolicy,
                        "a \(draft.hitPolicy == .priority ? "PRIORITY" : "OUTPUT ORDER") table needs output values: their order is the priority",
                        at: draft.element.location)
                    failed = true
                }
            case .collect(let aggregation?) where aggregation != .count:
                for output in outputs where output.type != .number && output.type != .integer {
                    builder.error(
                        .dmnHitPolicy, "COLLECT \(aggregation.rawValue.uppercased()) needs number outputs; '\(output.name)' is not one",
                        at: output.location)
                    failed = true
                }
            default: break
            }
            if failed { continue }
            tables.append(
                TableDefinition(
                    name: draft.name, description: draft.decision.child("description")?.text.trimmingWhitespace,
                    location: draft.element.location, hitPolicy: draft.hitPolicy, gapsAllowed: false,
                    inputs: inputs, outputs: outputs, rules: rules))
        }
        return tables
    }

    static func outputType(_ output: ModelBuilder.DraftOutput) -> OutputType {
        if let values = output.values { return .enumeration(values) }
        switch output.kind {
        case .string: return .string
        case .number: return .number
        case .integer: return .integer
        case .boolean: return .boolean
        }
    }

    /// Per input name, the coding of number and free string columns: every boundary and
    /// string that any table's cells, allowed values and producers mention.
    func codings() -> [String: ColumnCoding] {
        var numbers: [String: [DecimalNumber]] = [:]
        var strings: [String: [String]] = [:]
        var kinds: [String: ColumnKind] = [:]
        for draft in drafts {
            for (i, input) in draft.inputs.enumerated() {
                kinds[input.name] = input.kind
                var items = input.allowed?.items ?? []
                for rule in draft.rules where i < rule.cells.count { items += rule.cells[i].tests.items }
                for item in items {
                    switch item {
                    case .number(let intervals): numbers[input.name, default: []] += intervals.flatMap { [$0.lower, $0.upper].compactMap { $0 } }
                    case .string(let text): strings[input.name, default: []].append(text)
                    case .boolean: break
                    }
                }
            }
            // A decision's output values flow into the inputs that read it.
            for (o, output) in draft.outputs.enumerated() {
                let literals = draft.rules.map { $0.outputs[o].value } + [output.defaultValue].compactMap { $0 }
                for literal in literals {
                    if case .number(let n) = literal { numbers[output.slot, default: []].append(n) }
                    if case .string(let s) = literal { strings[output.slot, default: []].append(s) }
                }
            }
        }
        var result: [String: ColumnCoding] = [:]
        for (name, kind) in kinds {
            switch kind {
            case .number: result[name] = .numbers(NumberLine(boundaries: numbers[name] ?? []))
            case .string: result[name] = .strings(FreeStrings(mentioned: strings[name] ?? []))
            default: break
            }
        }
        return result
    }

    /// An input column: its domain from the allowed values, or its coding.
    func column(_ input: ModelBuilder.DraftInput, coding: ColumnCoding?, builder: inout ModelBuilder, failed: inout Bool) -> InputDefinition {
        var definition = InputDefinition(
            name: input.name, description: input.label,
            location: input.location, domain: .boolean, producer: input.producer)
        switch input.kind {
        case .boolean:
            definition.domain = .boolean
        case .string:
            let allowed = input.allowed.map { tests in tests.items.compactMap { if case .string(let s) = $0 { s } else { nil } } }
            if let allowed, !allowed.isEmpty, input.allowed?.negated == false {
                var unique: [String] = []
                for value in allowed where !unique.contains(value) { unique.append(value) }
                definition.domain = .enumeration(unique)
            } else if case .strings(let strings)? = coding {
                definition.domain = .enumeration(strings.values)
                definition.coding = coding
            }
        case .number:
            guard case .numbers(let line)? = coding else { break }
            definition.coding = coding
            var bounds = IntervalSet([0...line.maxCode])
            if let allowed = input.allowed {
                let intervals = allowed.items.flatMap { item -> [NumberInterval] in
                    if case .number(let i) = item { return i }
                    return []
                }
                let codes = line.codes(of: intervals)
                bounds = allowed.negated ? codes.complement.intersection(bounds) : codes
            }
            definition.domain = .integer(min: bounds.ranges.first?.lowerBound ?? 0, max: bounds.ranges.last?.upperBound ?? line.maxCode)
        case .integer:
            var low: Int?
            var high: Int?
            for case .number(let intervals) in input.allowed?.items ?? [] {
                for interval in intervals {
                    if let lower = interval.lower?.integerValue { low = min(low ?? .max, interval.lowerClosed ? lower : lower + 1) }
                    if let upper = interval.upper?.integerValue { high = max(high ?? .min, interval.upperClosed ? upper : upper - 1) }
                }
            }
            definition.domain = .integer(min: low, max: high)
        }
        return definition
    }

    /// A cell as a condition over its column; nil after reporting when it does not fit.
    func condition(
        _ cell: (tests: UnaryTests, text: String, location: SourceLocation), input: InputDefinition, kind: ColumnKind,
        builder: inout ModelBuilder
    ) -> Condition? {
        let domain = input.domain
        if cell.tests.isWildcard {
            let all: [Int]? = domain.finiteCount.map { Array(0..<$0) }
            let intervals: IntervalSet? = domain.finiteCount == nil ? IntervalSet([domain.integerBounds]) : nil
            return Condition(values: all, intervals: intervals, isWildcard: true, text: "-", location: cell.location)
        }
        func mismatch(_ item: FEELItem) -> Condition? {
            let found =
                switch item {
                case .string(let s): "the string \"\(s)\""
                case .number(let i): "the number test '\(i.map(\.description).joined(separator: ", "))'"
                case .boolean(let b): "the boolean \(b)"
                }
            builder.error(.dmnType, "input '\(input.name)' is \(input.domainSummary), found \(found)", at: cell.location)
            return nil
        }
        switch (kind, domain) {
        case (.number, _), (.integer, _):
            var union = IntervalSet.empty
            for item in cell.tests.items {
                guard case .number(let intervals) = item else { return mismatch(item) }
                if case .numbers(let line)? = input.coding {
                    union = union.union(line.codes(of: intervals))
                } else {
                    for interval in intervals {
                        guard let set = Self.integers(interval) else {
                            builder.error(.dmnType, "input '\(input.name)' is an integer, found '\(interval)'", at: cell.location)
                            return nil
                        }
                        union = union.union(set)
                    }
                }
            }
            let bounds = IntervalSet([domain.integerBounds])
            let matched = (cell.tests.negated ? union.complement : union).intersection(bounds)
            guard !matched.isEmpty else {
                builder.error(.dmnEmpty, "'\(cell.text)' matches no value of '\(input.name)' (\(input.domainSummary))", at: cell.location)
                return nil
            }
            return Condition(values: nil, intervals: matched, isWildcard: false, text: cell.text, location: cell.location)
        case (.boolean, _), (.string, _):
            var chosen: [Int] = []
            for item in cell.tests.items {
                switch (item, domain, input.coding) {
                case (.boolean(let flag), .boolean, _):
                    chosen.append(flag ? 1 : 0)
                case (.string(let text), _, .strings(let strings)?):
                    chosen.append(strings.index(of: text))
                case (.string(let text), .enumeration(let values), nil):
                    guard let index = values.firstIndex(of: text) else {
                        builder.error(
                            .dmnValue,
                            "\"\(text)\" is not one of the values of '\(input.name)' (\(values.map { "\"\($0)\"" }.joined(separator: ", ")))",
                            at: cell.location)
                        return nil
                    }
                    chosen.append(index)
                default:
                    return mismatch(item)
                }
            }
            let count = domain.finiteCount ?? 0
            let set = Set(chosen)
            let matched = cell.tests.negated ? (0..<count).filter { !set.contains($0) } : set.sorted()
            guard !matched.isEmpty else {
                builder.error(.dmnEmpty, "'\(cell.text)' matches no value of '\(input.name)' (\(input.domainSummary))", at: cell.location)
                return nil
            }
            return Condition(
                values: matched, intervals: nil, isWildcard: false, mentioned: set.sorted(),
                text: cell.text, location: cell.location)
        }
    }

    /// The integers in a number interval with whole ends; nil when an end has a fraction.
    static func integers(_ interval: NumberInterval) -> IntervalSet? {
        var low = Int.min
        var high = Int.max
        if let lower = interval.lower {
            guard let n = lower.integerValue else { return nil }
            low = interval.lowerClosed ? n : n + 1
        }
        if let upper = interval.upper {
            guard let n = upper.integerValue else { return nil }
            high = interval.upperClosed ? n : n - 1
        }
        return low <= high ? IntervalSet([low...high]) : .empty
    }
}
